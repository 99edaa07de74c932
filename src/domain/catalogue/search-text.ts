/**
 * The text normalisation shared by catalogue indexing and querying, and the tokens that go into the
 * records' `tsvector` (built with `array_to_tsvector(text[])`) and into the `tsquery` that searches it.
 *
 * Japanese has no spaces between words and no stemmer worth the name in PostgreSQL, so Japanese (and any
 * other script without word breaks we know of) is indexed as character unigrams and bigrams: a query of
 * one character looks up the unigram, a longer one requires all of its bigrams. Latin, Greek and Cyrillic
 * letters and digits instead form words, and those match by word prefix ("harr" finds "Harry", "2024"
 * finds "2024年版", "arry" does not find "Harry", "24年" does not find "2024年"): see `indexTokens`.
 *
 * Index and query go through the same `normaliseForSearch`, so any folding done there is symmetric.
 */

/**
 * Letters and digits that form words: scripts written with spaces between words. Everything else that is a
 * letter or digit (kanji, kana, hangul, …) is taken one character at a time. The Han numeral 〇 is `Nl`, not
 * `Nd`, so it stays with the kanji around it.
 */
const WORD_CHAR = /^[\p{Script=Latin}\p{Script=Greek}\p{Script=Cyrillic}\p{Nd}]$/u;

/**
 * Word prefixes are indexed up to this many characters (a query word is cut to the same length), so that a
 * pathological "word" (a URL, a run of digits) cannot blow up the tsvector: each indexed prefix costs a lexeme.
 */
const MAX_WORD_PREFIX = 32;

// The spacing sound marks ゛゜ become the combining ones, so that NFKC composes "か゛" into "が" as it
// does for half-width "ｶﾞ"; where nothing composes, the stray combining mark is dropped below.
const SPACING_VOICED_MARK = /\u309b/g;
const SPACING_SEMI_VOICED_MARK = /\u309c/g;

const KATAKANA = /[\u30a1-\u30fa\u30fd\u30fe\u31f0-\u31ff]/gu;

// ヷヸヹヺ have no hiragana counterpart; they are the same sounds as ヴァ ヴィ ヴェ ヴォ, which fold to these.
// The small katakana block (ㇰ…ㇿ, used for Ainu) has no small hiragana either: fold straight to large.
const KATAKANA_WITHOUT_HIRAGANA: ReadonlyMap<string, string> = new Map([
  ["ヷ", "ゔあ"],
  ["ヸ", "ゔい"],
  ["ヹ", "ゔえ"],
  ["ヺ", "ゔお"],
  ["ㇰ", "く"],
  ["ㇱ", "し"],
  ["ㇲ", "す"],
  ["ㇳ", "と"],
  ["ㇴ", "ぬ"],
  ["ㇵ", "は"],
  ["ㇶ", "ひ"],
  ["ㇷ", "ふ"],
  ["ㇸ", "へ"],
  ["ㇹ", "ほ"],
  ["ㇺ", "む"],
  ["ㇻ", "ら"],
  ["ㇼ", "り"],
  ["ㇽ", "る"],
  ["ㇾ", "れ"],
  ["ㇿ", "ろ"],
]);

// Small kana are written inconsistently (キヤノン/キャノン, old records without small kana at all), so they
// fold to the large ones. ゕゖ (from ヵヶ) fold to か and け: that makes 一ヵ月 match 一か月 and 霞ヶ関
// match 霞ケ関, the spellings found side by side in practice.
const SMALL_KANA: ReadonlyMap<string, string> = new Map([
  ["ぁ", "あ"],
  ["ぃ", "い"],
  ["ぅ", "う"],
  ["ぇ", "え"],
  ["ぉ", "お"],
  ["っ", "つ"],
  ["ゃ", "や"],
  ["ゅ", "ゆ"],
  ["ょ", "よ"],
  ["ゎ", "わ"],
  ["ゕ", "か"],
  ["ゖ", "け"],
]);
const SMALL_KANA_CHARS = /[ぁぃぅぇぉっゃゅょゎゕゖ]/g;

/**
 * The long-vowel mark and what stands in for it after kana: dashes and minus signs (NFKC has already turned
 * full-width "－" into "-" and "～" into "~"), wave dashes, and box-drawing lines from badly converted data.
 */
const LONG_VOWEL_AFTER_KANA = /(?<=\p{Script=Hiragana})[ー\-‐‑‒–—―−─━~〜]+/gu;
const LONG_VOWEL_MARK = /ー/g;

/** Invisible characters (combining marks left over after NFKC, variation selectors, zero-width spaces). */
const INVISIBLE = /[\p{M}\p{Cf}]/gu;

/** Everything else that is not a letter or a digit, which covers all tsquery syntax: ' & | ! ( ) : * < > */
const SEPARATORS = /[^\p{L}\p{N}]+/gu;

/**
 * Folds text for search, the same way for catalogue records and for queries:
 *
 * - NFKC: full-width ASCII becomes ASCII, half-width katakana full-width (with its sound marks composed),
 *   "㈱" becomes "(株)"; CJK compatibility ideographs become their unified forms, but old and new kanji
 *   (國/国, 髙/高) are different characters and are NOT folded;
 * - lower case;
 * - katakana becomes hiragana, so a query in either matches titles and readings in either;
 * - small kana become large (ショッピング ≡ しよつぴんぐ);
 * - the long-vowel mark ー, and dashes or wave dashes right after kana, are dropped. This is deliberate:
 *   サーバ/サーバー, コンピュータ/コンピューター and サ－バ (typed with a full-width minus) must match, and
 *   dropping is the only symmetric way to do it without a dictionary. The price is that コーヒー also matches
 *   コヒ, which no real title will suffer from;
 * - voiced and semi-voiced marks are kept (が ≠ か), as are the iteration marks ゝゞ々 (いすゞ ≠ いすず);
 * - anything that is not a letter or a digit becomes a single space, and the result is trimmed.
 *
 * The output contains only letters, digits and single spaces; normalising it again changes nothing.
 */
export function normaliseForSearch(text: string): string {
  const composed = text
    .replace(SPACING_VOICED_MARK, "\u3099")
    .replace(SPACING_SEMI_VOICED_MARK, "\u309a")
    .normalize("NFKC")
    .toLowerCase();
  return composed
    .replace(KATAKANA, katakanaToHiragana)
    .replace(SMALL_KANA_CHARS, (small) => SMALL_KANA.get(small) ?? small)
    .replace(LONG_VOWEL_AFTER_KANA, "")
    .replace(LONG_VOWEL_MARK, "")
    .replace(INVISIBLE, "")
    .replace(SEPARATORS, " ")
    .trim();
}

function katakanaToHiragana(katakana: string): string {
  const special = KATAKANA_WITHOUT_HIRAGANA.get(katakana);
  if (special !== undefined) return special;
  // ァ…ヶ and ヽヾ sit exactly 0x60 above ぁ…ゖ and ゝゞ.
  return String.fromCodePoint(katakana.codePointAt(0)! - 0x60);
}

const wordCharCache = new Map<string, boolean>();

function isWordChar(char: string): boolean {
  const code = char.charCodeAt(0);
  // The common cases without a regular expression: ASCII, and the kana and kanji blocks.
  if (code < 0x80)
    return (code >= 0x30 && code <= 0x39) || (code >= 0x61 && code <= 0x7a) || (code >= 0x41 && code <= 0x5a);
  if (code >= 0x3040 && code <= 0x9fff) return false;
  let known = wordCharCache.get(char);
  if (known === undefined) {
    known = WORD_CHAR.test(char);
    wordCharCache.set(char, known);
  }
  return known;
}

/** The word starting at `start`, cut to the longest prefix that is indexed. */
function wordAt(chars: readonly string[], start: number): string {
  let end = start;
  while (end < chars.length && end - start < MAX_WORD_PREFIX && isWordChar(chars[end]!)) end++;
  return chars.slice(start, end).join("");
}

function startsWord(chars: readonly string[], index: number): boolean {
  return isWordChar(chars[index]!) && (index === 0 || !isWordChar(chars[index - 1]!));
}

/** Adjacent pairs, except those inside a word: words are matched by prefix, not by their bigrams. */
function bigramAt(chars: readonly string[], index: number): string | null {
  const first = chars[index]!;
  const second = chars[index + 1];
  if (second === undefined || (isWordChar(first) && isWordChar(second))) return null;
  return first + second;
}

/**
 * The lexemes to index for a piece of catalogue text. Each space-separated run of the normalised text gives:
 *
 * - every character that is not part of a word (kanji, kana, …) as a unigram;
 * - every adjacent pair of characters as a bigram, except pairs inside a word; pairs across a script
 *   boundary count ("村上はるき" → "上は"; "第3巻" → "第3", "3巻"), so a query like "3巻" checks adjacency;
 * - every prefix of every word (letters and digits of Latin, Greek and Cyrillic), whole word included,
 *   up to 32 characters: "harry" → "h", "ha", "har", "harr", "harry".
 *
 * Indexing prefixes rather than the words' own unigrams and bigrams is what makes Latin words and numbers
 * match by word prefix, as readers of those scripts expect, with plain lexeme lookups and no `:*` in the
 * query: "ai" finds "AI時代" and "aikido" but not "Taiwan"; "24" does not find "2024". Indexing the words'
 * bigrams as well would make two-letter queries match inside words but longer ones not.
 *
 * Guarantee (tested): for any piece of a run that does not start inside a word, every token `queryTokens`
 * gives for it is among these tokens. Tokens are unique, non-empty and contain only letters and digits.
 */
export function indexTokens(text: string): string[] {
  const tokens = new Set<string>();
  addIndexTokens(text, tokens);
  return [...tokens];
}

/** `indexTokens`, added to a set: the import indexes every record, so this path avoids extra arrays. */
export function addIndexTokens(text: string, tokens: Set<string>): void {
  if (text === "") return;
  for (const run of runsOf(text)) {
    const chars = Array.from(run);
    const word = chars.map(isWordChar);
    for (let index = 0; index < chars.length; index++) {
      const char = chars[index]!;
      if (!word[index]) tokens.add(char);
      else if (index === 0 || !word[index - 1]) {
        // Every prefix of the word, built one character at a time (code points, not UTF-16 units).
        let prefix = "";
        for (let end = index; end < chars.length && end - index < MAX_WORD_PREFIX && word[end]; end++) {
          prefix += chars[end];
          tokens.add(prefix);
        }
      }
      if (index + 1 < chars.length && !(word[index] && word[index + 1])) tokens.add(char + chars[index + 1]);
    }
  }
}

/**
 * What a query must find: one group per space-separated term of the normalised query, each group the
 * tokens that must all be present (the caller ANDs everything, see `toTsquery`):
 *
 * - a one-character term is its own token (a kanji or kana unigram, or a one-letter word prefix);
 * - a longer term gives its bigrams, except inside words, and each of its words (cut to 32 characters) as a
 *   word prefix: "吾輩は猫" → 吾輩 輩は は猫; "harr" → harr; "2024年版" → 2024 4年 年版.
 *
 * Returns [] when the query has nothing searchable in it (empty, or punctuation only); the caller must then
 * not search at all rather than send an empty tsquery.
 */
export function queryTokens(query: string): string[][] {
  return runsOf(query).map((term) => {
    const chars = Array.from(term);
    if (chars.length === 1) return [term];
    const tokens = new Set<string>();
    for (let index = 0; index < chars.length; index++) {
      // A lone kanji or kana in a longer term is covered by the bigrams it is part of.
      if (startsWord(chars, index)) tokens.add(wordAt(chars, index));
      const bigram = bigramAt(chars, index);
      if (bigram !== null) tokens.add(bigram);
    }
    return [...tokens];
  });
}

function runsOf(text: string): string[] {
  const normalised = normaliseForSearch(text);
  return normalised === "" ? [] : normalised.split(" ");
}

const WEIGHTS = /^[ABCD]{1,4}$/;

/**
 * The text for `$1::tsquery`: every token of every group as a quoted lexeme, duplicates removed, all ANDed.
 * `weights` ("A", "AB", …) restricts each lexeme to those weights: `'東京':AB`.
 *
 * Tokens from `queryTokens` contain only letters and digits, so the quoting cannot be escaped from; quotes
 * and backslashes, the two characters tsquery treats specially inside a quoted lexeme, are doubled anyway.
 * Pass the result as a bind parameter, never spliced into SQL. An empty `groups` gives "" (a tsquery that
 * matches nothing, with a NOTICE): check `queryTokens(…).length` first.
 */
export function toTsquery(groups: readonly (readonly string[])[], weights?: string): string {
  if (weights !== undefined && !WEIGHTS.test(weights)) {
    throw new RangeError(`tsquery weights must be letters A to D, got "${weights}"`);
  }
  const suffix = weights === undefined ? "" : `:${weights}`;
  const lexemes = new Set(groups.flat());
  return [...lexemes]
    .map((token) => `'${token.replace(/\\/g, "\\\\").replace(/'/g, "''")}'${suffix}`)
    .join(" & ");
}

// "ISBN-13:", "isbn13 ", but not the first digits of "isbn 1013…".
const ISBN_PREFIX = /^isbn(?:[- ]?1[03](?=[ :]))?[ :]*/;
const ISBN_10 = /^\d{9}[\dx]$/;
const ISBN_13 = /^97[89]\d{10}$/;

/**
 * Recognises a query that is an ISBN-10 or ISBN-13, typed with or without hyphens or spaces, in full-width
 * digits, or prefixed with "ISBN" ("ISBN978-4-…", "isbn: 4-10-…"), and returns its bare digits (an ISBN-10's
 * check character as "X"). The checksum is not verified here: the caller validates and converts with isbn3.
 *
 * An ISBN-13 must start with 978 or 979, so that other 13-digit codes (item barcodes, JANs of non-books) are
 * not taken for one.
 */
export function isbnCandidate(query: string): string | null {
  const text = query.normalize("NFKC").toLowerCase().trim().replace(ISBN_PREFIX, "");
  // Hyphens come in many shapes after copying from web pages and PDFs.
  const digits = text.replace(/[\s\-‐‑‒–—―−]/g, "");
  if (ISBN_13.test(digits)) return digits;
  if (ISBN_10.test(digits)) return digits.toUpperCase();
  return null;
}
