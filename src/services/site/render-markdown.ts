import MarkdownIt from "markdown-it";
import sanitizeHtml from "sanitize-html";

// Staff write guide pages and announcements in Markdown. Raw HTML in the source is not rendered (markdown-it
// with `html: false` escapes it, and refuses javascript: and data: links); the output is then sanitised to an
// allow-list, so that nothing a page's author types can run as script in a patron's browser.
const markdown = new MarkdownIt({ html: false, linkify: true, breaks: true });

const allowed: sanitizeHtml.IOptions = {
  allowedTags: [
    "h2",
    "h3",
    "h4",
    "p",
    "br",
    "hr",
    "ul",
    "ol",
    "li",
    "strong",
    "em",
    "del",
    "code",
    "pre",
    "blockquote",
    "a",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
  ],
  allowedAttributes: { a: ["href", "title"], th: ["scope"], td: [] },
  allowedSchemes: ["http", "https", "mailto", "tel"],
  allowProtocolRelative: false,
  // Headings start at h2: the page's own title is its h1.
  transformTags: { h1: "h2" },
};

export function renderMarkdown(source: string): string {
  return sanitizeHtml(markdown.render(source), allowed);
}

/** The text of a Markdown source without its markup, for search snippets. */
export function markdownText(source: string): string {
  return sanitizeHtml(markdown.render(source), { allowedTags: [], allowedAttributes: {} })
    .replace(/\s+/g, " ")
    .trim();
}
