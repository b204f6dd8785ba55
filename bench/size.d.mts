// Types for bench/size.mjs (imported by test/size-budget.test.ts).
export interface FileSizes {
  file: string
  raw: number
  gzip: number
  brotli: number
}
export const ROOT: string
export const CORE_BUNDLE: string
export const PLUGINS_DIR: string
export const AJS_STANDALONE: string
export const BUDGETS: { core: number; plugin: number }
export const PART_BUDGETS: Record<string, number>
export function pluginBudget(file: string): number
export function compressedSizes(bytes: Uint8Array | string): Omit<FileSizes, 'file'>
export function fileSizes(path: string): FileSizes
export function coreSize(): FileSizes | null
export function pluginSizes(): FileSizes[]
export function ajsSize(): FileSizes | null
export function allSizes(): { core: FileSizes | null; plugins: FileSizes[]; ajs: FileSizes | null }
export function sizeTable(sizes?: ReturnType<typeof allSizes>): string
