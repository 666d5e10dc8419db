/**
 * A Markdown document safe to render as HTML: every `<` becomes `&lt;` (so no tag from an
 * evidence value, a name or a title can open) and an `&` that would start a character reference
 * becomes `&amp;` (so escaped text stays as written). Fieldwork's own Markdown never uses inline
 * HTML, which is why this can run once over the finished document rather than value by value.
 *
 * @example
 * escapeMarkdownHtml('- **<script>alert(1)</script>** — R&D') // '- **&lt;script>alert(1)&lt;/script>** — R&D'
 */
export function escapeMarkdownHtml(markdown: string): string {
  return markdown.replace(/&(?=#?[A-Za-z0-9]+;)/g, '&amp;').replace(/</g, '&lt;');
}
