// The helpers every destination shares: running vendor calls, E-commerce normalisation, page naming.
import { describe, expect, it } from 'vitest'
import { runCalls } from '../../plugins/shared/run-calls'
import { call, chained, construct } from '../../plugins/shared/vendor-call'
import { currencyOf, productId, productsOf, quantityOf, revenueOf, v2Name } from '../../plugins/shared/ecommerce'
import { pageEventNames } from '../../plugins/shared/page-events'
import { compact, mapped, toNumber } from '../../plugins/shared/values'
import { page } from './fixtures'

describe('runCalls', () => {
  it('calls dotted paths with their owner as `this`, chains `then`, builds constructs', () => {
    const log: unknown[] = []
    class Identify {
      ops: unknown[] = []
      set(k: string, v: unknown) {
        this.ops.push([k, v])
        return this
      }
    }
    const root = {
      vendor: {
        name: 'v',
        people: { set(this: any, ...a: unknown[]) { log.push(['people.set', this === root.vendor.people, ...a]) } },
        group: (id: string) => ({ set_once: (t: unknown) => log.push(['group', id, t]) }),
        identify: (obj: Identify) => log.push(['identify', obj instanceof Identify, obj.ops]),
        Identify,
      },
    }
    const errors = runCalls(
      [
        call('vendor.people.set', { a: 1 }),
        chained(call('vendor.group', 'g-1'), call('set_once', { b: 2 })),
        call('vendor.missing', 1),
        call('vendor.identify', construct('vendor.Identify', [['set', 'plan', 'pro']])),
      ],
      root,
    )
    expect(log).toEqual([
      ['people.set', true, { a: 1 }],
      ['group', 'g-1', { b: 2 }],
      ['identify', true, [['plan', 'pro']]],
    ])
    // The failing call is reported, and did not stop the one after it.
    expect(errors).toHaveLength(1)
  })
})

describe('E-commerce helpers', () => {
  it('v1 names normalise to v2', () => {
    expect(v2Name('Completed Order')).toBe('Order Completed')
    expect(v2Name('Viewed Product Category')).toBe('Product List Viewed')
    expect(v2Name('Order Completed')).toBe('Order Completed')
  })

  it('product id, quantity and products', () => {
    expect(productId({ product_id: 'a', id: 'b', sku: 'c' })).toBe('a')
    expect(productId({ id: 'b', sku: 'c' })).toBe('b')
    expect(productId({ sku: 'c' })).toBe('c')
    expect(quantityOf({})).toBe(1)
    expect(quantityOf({ quantity: '3' })).toBe(3)
    expect(productsOf({ products: [{ a: 1 }, null, 'x'] })).toEqual([{ a: 1 }])
    expect(productsOf({ product_id: 'p' })).toEqual([{ product_id: 'p' }])
  })

  it('revenue falls back to total only for orders; currency as given, USD by default (facade currency())', () => {
    expect(revenueOf('Order Completed', { total: 9 })).toBe(9)
    expect(revenueOf('Completed Order', { total: 9, revenue: '7.5' })).toBe(7.5)
    expect(revenueOf('Checkout Started', { total: 9 })).toBeUndefined()
    expect(currencyOf({})).toBe('USD')
    expect(currencyOf({ currency: 'eur' })).toBe('eur')
  })

  it('numbers, compact objects and settings maps', () => {
    expect([toNumber('19.99'), toNumber(''), toNumber('abc'), toNumber(Infinity), toNumber(3)]).toEqual([19.99, undefined, undefined, undefined, 3])
    expect(compact({ a: 1, b: undefined, c: null })).toEqual({ a: 1, c: null })
    expect(mapped({ A: 'x', B: ['y', 'z'] }, 'B')).toEqual(['y', 'z'])
    expect(mapped([{ key: 'A', value: 'x' }, { key: 'A', value: 'y' }], 'A')).toEqual(['x', 'y'])
    expect(mapped(undefined, 'A')).toEqual([])
  })
})

describe('page event names', () => {
  it('follows the classic rules', () => {
    const all = { trackAllPages: true, trackNamedPages: true, trackCategorizedPages: true }
    expect(pageEventNames(page('Docs', 'Install'), all)).toEqual(['Loaded a Page', 'Viewed Docs Page', 'Viewed Docs Install Page'])
    expect(pageEventNames(page(undefined, 'Pricing'), all)).toEqual(['Loaded a Page', 'Viewed Pricing Page'])
    expect(pageEventNames(page(), all)).toEqual(['Loaded a Page'])
    expect(pageEventNames(page('Docs', 'Install'), {})).toEqual([])
  })
})
