// v4 UUIDs, fast enough for a burst of thousands of events: random bytes are drawn from the
// platform in blocks (one `getRandomValues` call per 256 ids) and turned into hex by table.

const HEX: string[] = []
for (let i = 0; i < 256; i++) HEX.push((i + 0x100).toString(16).slice(1))

const BLOCK = 16 * 256
let pool = new Uint8Array(0)
let offset = BLOCK

function refill(): void {
  pool = crypto.getRandomValues(new Uint8Array(BLOCK))
  offset = 0
}

/** A random v4 UUID (RFC 4122 layout: version 4, variant 10xx). */
export function randomId(): string {
  if (offset + 16 > BLOCK) refill()
  const b = pool
  const o = offset
  offset += 16
  const h = (i: number) => HEX[b[o + i]]
  return (
    h(0) + h(1) + h(2) + h(3) + '-' + h(4) + h(5) + '-' + HEX[(b[o + 6] & 0x0f) | 0x40] + h(7) + '-' +
    HEX[(b[o + 8] & 0x3f) | 0x80] + h(9) + '-' + h(10) + h(11) + h(12) + h(13) + h(14) + h(15)
  )
}
