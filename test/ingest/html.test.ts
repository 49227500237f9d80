import { describe, expect, it } from 'vitest'
import { htmlToText, readDocument } from '../../src/ingest/read.js'

describe('reading HTML with a parser, not regular expressions', () => {
  it('turns blocks into lines, cells into tabs and list items into bullets, without scripts, hidden marks or the page title', () => {
    const html =
      '<html><head><title>Report</title><script>var x = "<p>no</p>"</script></head><body><h1>Inspection of Bristol</h1>' +
      '<p>Children&rsquo;s services &amp; partners</p><table><tr><td>Overall effectiveness</td><td>Good</td></tr></table>' +
      '<ul><li><span aria-hidden="true">•</span>First</li><li>Second</li></ul><!-- a comment --></body></html>'
    expect(htmlToText(html)).toBe(
      'Inspection of Bristol\n\nChildren’s services & partners\n\nOverall effectiveness\tGood\n\n- First\n- Second',
    )
  })

  it('numbers an ordered list’s items as a browser does, so numbered recommendations read as printed', () => {
    const html =
      '<body><h2>Recommendations</h2><ol><li>Improve plans.</li><li>Visit children<ul><li>often</li></ul></li></ol>' +
      '<p>Next</p><ol start="3"><li>Third</li></ol><ol start="x"><li>One again</li></ol></body>'
    expect(htmlToText(html)).toBe(
      'Recommendations\n\n1. Improve plans.\n2. Visit children\n\n- often\n\nNext\n\n3. Third\n\n1. One again',
    )
  })

  it('reads hostile markup in one pass: unclosed scripts and comments, NUL and out-of-range entities', async () => {
    const unclosedScript = `<html><body><p>Start</p>${'<script '.repeat(20_000)}`
    const unclosedComment = `<html><body><p>Start</p>${'<!-- '.repeat(230_000)}`
    const t0 = performance.now()
    expect(htmlToText(unclosedScript)).toBe('Start')
    expect(htmlToText(unclosedComment)).toBe('Start')
    // Quadratic reading took 11.8 s for the first and minutes for the second; one pass takes milliseconds.
    expect(performance.now() - t0).toBeLessThan(2000)
    const entities = await readDocument(
      'page.html',
      Buffer.from('<html><body><p>A&#0;B&#1114112;C&#xD800;D</p></body></html>'),
    )
    expect(entities).toMatchObject({ ok: true, format: 'html' })
    // biome-ignore lint/suspicious/noControlCharactersInRegex: NUL is what must not come through
    expect(entities.ok && entities.text).not.toMatch(/[\u0000\uD800-\uDFFF]/)
  })
})
