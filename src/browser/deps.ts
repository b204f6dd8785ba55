// The modules AnalyticsBrowser wires together. Tests replace this module with fakes.
import { createGroup, createUser } from '../identity'
import type { LoaderDeps } from './load'

export const defaultDeps: LoaderDeps = {
  createUser,
  createGroup,
}
