// Argument resolution for every public call, with Analytics.js 2.0's overloads. Pure functions.
import type { Callback, EventProperties, Options, Traits } from './types'
import { isBufferedPageContext, type BufferedPageContext } from '../context/page'

export const isString = (v: unknown): v is string => typeof v === 'string'
export const isNumber = (v: unknown): v is number => typeof v === 'number'
export const isFunction = (v: unknown): v is (...args: any[]) => unknown => typeof v === 'function'
export const isPlainObject = (v: unknown): v is Record<string, any> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Date)

/** Removes a trailing snippet page context ("bpc") from a call's arguments. */
export function popPageContext(args: unknown[]): [unknown[], BufferedPageContext | undefined] {
  let last = args.length - 1
  while (last >= 0 && args[last] === undefined) last--
  if (last >= 0 && isBufferedPageContext(args[last])) {
    return [args.slice(0, last), args[last] as BufferedPageContext]
  }
  return [args, undefined]
}

export type TrackArgs = [name: string, properties: EventProperties, options: Options, callback?: Callback]

/** track(event | {event, properties}, properties?, options?, callback?). Throws on a missing name. */
export function resolveTrackArguments(
  eventOrName: unknown,
  properties?: unknown,
  options?: unknown,
  callback?: unknown,
): TrackArgs {
  const args = [eventOrName, properties, options, callback]
  const fromObject = isPlainObject(eventOrName)
  let name: unknown = fromObject ? eventOrName.event : eventOrName
  if (isNumber(name) && Number.isFinite(name)) name = String(name)
  if (!isString(name) || name.trim() === '') throw new Error('Event missing')
  const props = fromObject
    ? (eventOrName.properties as EventProperties) ?? {}
    : isPlainObject(properties)
      ? properties
      : {}
  let opts: Options = {}
  if (!isFunction(options) && isPlainObject(options)) opts = options
  if (fromObject && !isFunction(properties)) opts = isPlainObject(properties) ? properties : {}
  return [name, props, opts, args.find(isFunction) as Callback | undefined]
}

export type PageArgs = [category: string | null, name: string | null, properties: EventProperties, options: Options, callback?: Callback]

/** page([category], [name], [properties], [options], [callback]) and screen(...). */
export function resolvePageArguments(...args: unknown[]): PageArgs {
  let category: string | null = null
  let name: string | null = null
  const strings = args.filter(isString)
  if (strings.length === 1) {
    name = isString(args[1]) ? args[1] : strings[0]
  } else if (strings.length >= 2) {
    if (isString(args[0])) category = args[0]
    if (isString(args[1])) name = args[1]
  }
  const callback = args.find(isFunction) as Callback | undefined
  const objects: [number, Record<string, any>][] = []
  args.forEach((arg, i) => {
    if (isPlainObject(arg)) objects.push([i, arg])
  })
  let properties: EventProperties = {}
  let options: Options = {}
  if (objects.length === 1 && objects[0][0] === 3) options = objects[0][1]
  else {
    if (objects[0]) properties = objects[0][1]
    if (objects[1]) options = objects[1][1]
  }
  return [category, name, properties, options, callback]
}

export type UserArgs = [id: string | null, traits: Traits, options: Options, callback?: Callback]

/** identify([id], [traits], [options], [callback]) and group(...); the id may be left out. */
export function resolveUserArguments(currentId: () => string | null, ...args: unknown[]): UserArgs {
  const order = ['callback', 'options', 'traits', 'id']
  const values: { id?: string; traits?: Traits; options?: Options; callback?: Callback } = {}
  for (const arg of args) {
    let slot = order.pop()
    if (slot === 'id') {
      if (isString(arg) || (isNumber(arg) && Number.isFinite(arg))) {
        values.id = String(arg)
        continue
      }
      if (arg === null || arg === undefined) continue
      slot = order.pop()
    }
    if ((slot === 'traits' || slot === 'options') && isPlainObject(arg)) values[slot] = arg
    if (isFunction(arg)) {
      values.callback = arg as Callback
      break
    }
  }
  return [values.id ?? currentId(), values.traits ?? {}, values.options ?? {}, values.callback]
}

export type AliasArgs = [to: string, from: string | null, options: Options, callback?: Callback]

/** alias(to, [from], [options], [callback]). Throws when `to` is missing. */
export function resolveAliasArguments(to: unknown, from?: unknown, options?: unknown, callback?: unknown): AliasArgs {
  if (isNumber(to)) to = String(to)
  if (isNumber(from)) from = String(from)
  const args = [to, from, options, callback]
  const strings = args.filter(isString)
  if (!isString(to) || to === '') throw new Error('Alias missing a userId')
  const opts = (args.filter(isPlainObject)[0] as Options | undefined) ?? {}
  return [strings[0], strings.length > 1 ? strings[1] : null, opts, args.find(isFunction) as Callback | undefined]
}
