/**
 * Markdown text that no viewer renders as HTML: every `<` that would open a tag, a comment or a declaration
 * (`<script`, `</b`, `<!--`, `<?`) becomes `&lt;`, which a viewer shows as `<`. A `<` before a space or a digit
 * ("< 5%") is left as it is, so the plain text stays readable.
 */
export function markdownSafe(text: string): string {
  return text.replace(/<(?=[A-Za-z/!?])/g, '&lt;');
}
