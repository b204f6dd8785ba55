// CommonJS users: require() in Node, and a Jest test suite (Jest resolves with the `require` condition).
import { describe, expect, it } from 'vitest'
import { createApp, output, tool } from './apps'

describe('CommonJS', () => {
  it('require() loads the root entry, the snippet and every plugin', () => {
    const app = createApp('require', {
      'package.json': JSON.stringify({ name: 'require-app', private: true }),
      'main.js': `
        const assert = require('node:assert')
        const { AnalyticsBrowser, Analytics, Context } = require('switchboard-analytics')
        const { renderSnippet } = require('switchboard-analytics/snippet')
        require('switchboard-analytics/extras')
        assert.strictEqual(typeof globalThis.switchboardExtras.trackLink, 'function')
        const hotjar = require('switchboard-analytics/plugins/hotjar')
        const ga4 = require('switchboard-analytics/plugins/google-analytics-4-web')
        assert.strictEqual(typeof AnalyticsBrowser.load, 'function')
        assert.strictEqual(typeof Analytics, 'function')
        assert.strictEqual(typeof Context, 'function')
        assert.match(renderSnippet({ writeKey: 'k', host: 'cdn.example.com' }), /cdn\\.example\\.com/)
        assert.strictEqual(hotjar.default, hotjar.hotjar)
        const dir = require('node:path').join(require.resolve('switchboard-analytics/package.json'), '../dist/cjs/plugins')
        const slugs = require('node:fs').readdirSync(dir)
        assert.ok(slugs.length >= 7, slugs.join())
        for (const slug of slugs) {
          const factory = require('switchboard-analytics/plugins/' + slug).default
          assert.strictEqual(typeof factory, 'function', slug)
          assert.strictEqual(typeof factory.pluginName, 'string', slug)
        }
        assert.strictEqual(ga4.default({ measurementID: 'G-1' }).name, 'Google Analytics 4 Web')
        console.log('ok')
      `,
    })
    const run = app.node(['main.js'])
    expect(run.status, output(run)).toBe(0)
    expect(run.stdout.trim()).toBe('ok')
  })

  it('a Jest suite requires the package and runs it', () => {
    const app = createApp('jest', {
      'package.json': JSON.stringify({ name: 'jest-app', private: true, jest: { transform: {}, testEnvironment: 'node' } }),
      'analytics.test.js': `
        const { AnalyticsBrowser } = require('switchboard-analytics')
        const { hotjar } = require('switchboard-analytics/plugins/hotjar')

        test('the package loads under Jest', () => {
          expect(typeof AnalyticsBrowser.load).toBe('function')
          expect(hotjar({ hjid: 123 }).name).toBe('Hotjar')
        })

        test('in the node environment, load() and calls settle without sending', async () => {
          const analytics = AnalyticsBrowser.load({ writeKey: 'WRITE_KEY' })
          const [instance] = await analytics
          expect(instance.initialized).toBe(true)
          const ctx = await analytics.track('Signed Up', { plan: 'pro' })
          expect(ctx.failedDelivery().reason).toMatch(/no browser/)
        })
      `,
    })
    const run = app.node([tool('jest/bin/jest.js'), '--ci', '--colors=false', '--watchman=false'])
    expect(run.status, output(run)).toBe(0)
    expect(run.stderr).toMatch(/Tests:\s+2 passed, 2 total/)
  })
})
