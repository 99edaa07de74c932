import type {
  BibliographicRecord,
  Contributor,
  ImportedItem,
  ImportedRecord,
} from "../../domain/catalogue/bibliographic-record.ts";
import type { ItemFlag, MaterialType } from "../../domain/vocabulary.ts";
import {
  series as allSeries,
  childAnimals,
  childModifiers,
  childPeople,
  childPlaces,
  childThings,
  composers,
  englishAdjectives,
  englishNames,
  englishNouns,
  englishPlaces,
  englishPublishers,
  englishSubjects,
  essayNouns,
  type ForeignNames,
  familyNames,
  folkTales,
  formerPublisherNames,
  frenchNames,
  type Genre,
  germanNames,
  givenNames,
  historicalNouns,
  historicalPlaces,
  literaryModifiers,
  literaryNouns,
  type Magazine,
  magazines,
  mansionWords,
  mysteryNouns,
  orchestras,
  type Place,
  type Press,
  places,
  publishers,
  type ReferenceWork,
  recordLabels,
  referenceWorks,
  regionalPublishers,
  reportageNouns,
  type Series,
  sfNouns,
  type Topic,
  topics,
  videoLabels,
  type Word,
} from "./japanese-vocabulary.ts";

export type GenerateCatalogueOptions = {
  seed: number;
  count: number;
  /** Service-point codes the items are spread over; the first (the main library) gets more. */
  servicePoints: readonly string[];
  /** The barcode of the item with this serial number (serials count up across the whole run). */
  barcode: (serial: number) => string;
  /** The first serial (default 1). */
  firstSerial?: number;
  /** Control numbers are this prefix (default "SH") and the record's number from 1, zero-padded to 7 digits. */
  controlNumberPrefix?: string;
  /** ISO dates bounding the items' received dates; publication years run from 1950 to receivedTo's year. */
  receivedFrom: string;
  receivedTo: string;
};

/**
 * A deterministic catalogue of Japanese bibliographic records with their items, for the demo seed and the
 * import benchmark. Records are made one at a time, so a million of them never sit in memory together.
 */
export function* generateCatalogue(options: GenerateCatalogueOptions): Generator<ImportedRecord> {
  const run = startRun(options);
  for (let index = 0; index < options.count; index++) yield makeRecord(run, index);
}

// ---------------------------------------------------------------------------------------------------------
// Randomness

type Rng = () => number;

// mulberry32: small, fast and good enough for test data; Math.random cannot be seeded.
function mulberry32(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// A stateless hash: author number k of a pool is always the same person, whatever came before.
function mix32(value: number): number {
  let x = value >>> 0;
  x = Math.imul(x ^ (x >>> 16), 0x7feb352d);
  x = Math.imul(x ^ (x >>> 15), 0x846ca68b);
  return (x ^ (x >>> 16)) >>> 0;
}

const int = (rng: Rng, n: number): number => Math.floor(rng() * n);
const between = (rng: Rng, low: number, high: number): number => low + int(rng, high - low + 1);
const pick = <T>(rng: Rng, list: readonly T[]): T => list[int(rng, list.length)]!;
const chance = (rng: Rng, p: number): boolean => rng() < p;

function pickOther<T>(rng: Rng, list: readonly T[], other: T): T {
  const value = pick(rng, list);
  return value === other && list.length > 1 ? list[(list.indexOf(value) + 1) % list.length]! : value;
}

type Weighted<T> = { values: readonly T[]; cumulative: Float64Array; total: number };

function weighted<T>(entries: readonly (readonly [T, number])[]): Weighted<T> {
  const cumulative = new Float64Array(entries.length);
  let total = 0;
  entries.forEach(([, weight], i) => {
    total += weight;
    cumulative[i] = total;
  });
  return { values: entries.map(([value]) => value), cumulative, total };
}

function pickWeighted<T>(rng: Rng, table: Weighted<T>): T {
  const target = rng() * table.total;
  let low = 0;
  let high = table.cumulative.length - 1;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (table.cumulative[mid]! > target) high = mid;
    else low = mid + 1;
  }
  return table.values[low]!;
}

// ---------------------------------------------------------------------------------------------------------
// Titles and their readings, built together

const NO: Word = ["の", "ノ"];
const TO: Word = ["と", "ト"];
const SPACE: Word = [" ", ""];

/** Words in sequence: the written forms run together, the readings are separated by spaces. */
function seq(...parts: Word[]): Word {
  let written = "";
  let reading = "";
  for (const [w, r] of parts) {
    written += w;
    if (r) reading = reading ? `${reading} ${r}` : r;
  }
  return [written, reading];
}

/** One word made of two (「猫」+「たち」 → 「猫たち」, ネコタチ). */
const glue = (a: Word, b: Word): Word => [a[0] + b[0], a[1] + b[1]];

// 日本目録規則's katakana rules: ヂ and ヅ are written ジ and ズ (particles are already ワ, エ, オ).
const catalogueReading = (reading: string): string => reading.replace(/ヂ/g, "ジ").replace(/ヅ/g, "ズ");

const hiraganaOf = (katakana: string): string =>
  katakana.replace(/[\u30A1-\u30F6]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0x60));

// Numbers in titles are read out in full, as the NDL reads them (「3びきのこぶた」 サンビキ ノ コブタ).
const UNITS = ["", "イチ", "ニ", "サン", "ヨン", "ゴ", "ロク", "ナナ", "ハチ", "キュウ"];
const TENS = [
  "",
  "ジュウ",
  "ニジュウ",
  "サンジュウ",
  "ヨンジュウ",
  "ゴジュウ",
  "ロクジュウ",
  "ナナジュウ",
  "ハチジュウ",
  "キュウジュウ",
];
const HUNDREDS = [
  "",
  "ヒャク",
  "ニヒャク",
  "サンビャク",
  "ヨンヒャク",
  "ゴヒャク",
  "ロッピャク",
  "ナナヒャク",
  "ハッピャク",
  "キュウヒャク",
];
const THOUSANDS = [
  "",
  "セン",
  "ニセン",
  "サンゼン",
  "ヨンセン",
  "ゴセン",
  "ロクセン",
  "ナナセン",
  "ハッセン",
  "キュウセン",
];

/** The reading of 1 – 9999 as its parts (thousands, hundreds, tens, units), empty where zero. */
function numberParts(n: number): string[] {
  return [
    THOUSANDS[Math.floor(n / 1000) % 10]!,
    HUNDREDS[Math.floor(n / 100) % 10]!,
    TENS[Math.floor(n / 10) % 10]!,
    UNITS[n % 10]!,
  ];
}

function numberReading(n: number): string {
  return numberParts(n).join("");
}

// Before カン, ピキ, プン, サイ … the end of a number is cut short (イチ → イッ, ニジュウ → ニジッ, ロッピャク → ロッピャッ).
const SOKUON: readonly (readonly [string, string])[] = [
  ["イチ", "イッ"],
  ["ロク", "ロッ"],
  ["ハチ", "ハッ"],
  ["ジュウ", "ジッ"],
  ["ヒャク", "ヒャッ"],
  ["ビャク", "ビャッ"],
  ["ピャク", "ピャッ"],
];

/** The reading of n with its end cut short before a counter, or null where it does not change. */
function shortened(n: number): string | null {
  const reading = numberReading(n);
  const ending = SOKUON.find(([full]) => reading.endsWith(full));
  return ending ? reading.slice(0, -ending[0].length) + ending[1] : null;
}

/** 第n巻 */
const volumeReading = (n: number): string => `ダイ${shortened(n) ?? numberReading(n)}カン`;

/** n匹, written as children's books write it (「3びき」「1ぴき」「2ひき」) with its reading. */
function animalsCounted(n: number): Word {
  const short = shortened(n);
  if (short) return [`${n}ぴき`, `${short}ピキ`];
  if (numberReading(n).endsWith("サン")) return [`${n}びき`, `${numberReading(n)}ビキ`];
  return [`${n}ひき`, `${numberReading(n)}ヒキ`];
}

/** n月 */
const monthReading = (m: number): string =>
  m === 4 ? "シガツ" : m === 7 ? "シチガツ" : m === 9 ? "クガツ" : `${numberReading(m)}ガツ`;

const DAYS: Record<number, string> = {
  1: "ツイタチ",
  2: "フツカ",
  3: "ミッカ",
  4: "ヨッカ",
  5: "イツカ",
  6: "ムイカ",
  7: "ナノカ",
  8: "ヨウカ",
  9: "ココノカ",
  10: "トオカ",
  14: "ジュウヨッカ",
  17: "ジュウシチニチ",
  19: "ジュウクニチ",
  20: "ハツカ",
  24: "ニジュウヨッカ",
  27: "ニジュウシチニチ",
  29: "ニジュウクニチ",
};

/** n日 (day of the month) */
const dayReading = (d: number): string => DAYS[d] ?? `${numberReading(d)}ニチ`;

/** n年 (ヨネン, not ヨンネン) */
const yearReading = (y: number): string => `${numberReading(y).replace(/ヨン$/, "ヨ")}ネン`;

/** n分 */
function minutesReading(n: number): string {
  const short = shortened(n);
  if (short) return `${short}プン`;
  const reading = numberReading(n);
  return reading + (reading.endsWith("サン") || reading.endsWith("ヨン") ? "プン" : "フン");
}

/** n歳 */
const ageReading = (n: number): string => `${shortened(n) ?? numberReading(n)}サイ`;

// ---------------------------------------------------------------------------------------------------------
// Title patterns by genre

type Pattern = (rng: Rng, topic: Topic) => Word;

const noun = (rng: Rng): Word => pick(rng, literaryNouns);
const modifier = (rng: Rng): Word => pick(rng, literaryModifiers);
const placeWord = (rng: Rng): Word => pick(rng, places).word;
const topicWord = (rng: Rng, topic: Topic): Word => (chance(rng, 0.25) ? topic.name : pick(rng, topic.words));
// Before a word such as 「はじめての」「最新」 the field itself reads better than one of its things.
const fieldWord = (rng: Rng, topic: Topic): Word => (chance(rng, 0.4) ? topic.name : pick(rng, topic.words));

function twoNouns(rng: Rng, list: readonly Word[] = literaryNouns): [Word, Word] {
  const a = pick(rng, list);
  return [a, pickOther(rng, list, a)];
}

/** A Japanese given name as a character's name (「春香の手紙」). */
const characterName = (rng: Rng): Word => pick(rng, givenNames);

const fictionPatterns: readonly Pattern[] = [
  (r) => seq(characterName(r), NO, noun(r)),
  (r) => seq(characterName(r), TO, noun(r)),
  (r) => seq(...interleave(twoNouns(r), NO)),
  (r) => seq(...interleave(twoNouns(r), NO)),
  (r) => seq(modifier(r), noun(r)),
  (r) => seq(modifier(r), noun(r)),
  (r) => seq(modifier(r), ...interleave(twoNouns(r), NO)),
  (r) => seq(...interleave(twoNouns(r), TO)),
  (r) => seq(placeWord(r), NO, noun(r)),
  (r) => seq(placeWord(r), ["物語", "モノガタリ"]),
  (r) => seq(noun(r), ["をさがして", "オ サガシテ"]),
  (r) => seq(noun(r), ["の向こう側", "ノ ムコウガワ"]),
  (r) => seq(["さよなら、", "サヨナラ"], noun(r)),
  (r) => seq(noun(r), ["に帰る", "ニ カエル"]),
  (r) => seq(glue(noun(r), ["たち", "タチ"]), NO, noun(r)),
  (r) => {
    const [a, b] = twoNouns(r);
    return seq(a, ["、", ""], b, ["、そして", "ソシテ"], pickOther(r, literaryNouns, b));
  },
  (r) => seq(noun(r), ["が降る", "ガ フル"], noun(r)),
  (r) => seq(noun(r), ["は", "ワ"], noun(r), ["の中", "ノ ナカ"]),
  (r) => noun(r),
  (r) => seq(noun(r), ["のような", "ノ ヨウナ"], noun(r)),
  (r) => seq(["ある", "アル"], ...interleave(twoNouns(r), NO)),
];

function interleave(words: readonly Word[], between: Word): Word[] {
  return words.flatMap((w, i) => (i === 0 ? [w] : [between, w]));
}

const trains: readonly Word[] = [
  ["寝台特急", "シンダイ トッキュウ"],
  ["最終列車", "サイシュウ レッシャ"],
  ["夜行バス", "ヤコウ バス"],
  ["特急", "トッキュウ"],
];

const mysteryPatterns: readonly Pattern[] = [
  (r) => seq(placeWord(r), ["殺人事件", "サツジン ジケン"]),
  (r) => seq(glue(pick(r, mansionWords), ["館", "カン"]), ["の殺人", "ノ サツジン"]),
  (r) => seq(noun(r), NO, pick(r, mysteryNouns)),
  (r) => seq(pick(r, mysteryNouns), ["は", "ワ"], noun(r), ["に眠る", "ニ ネムル"]),
  (r) => seq(modifier(r), pick(r, mysteryNouns)),
  (r) => {
    const n = between(r, 2, 13);
    return seq(
      [`${n}番目の`, `${numberReading(n)}バンメ ノ`],
      chance(r, 0.5) ? noun(r) : pick(r, mysteryNouns),
    );
  },
  (r) => seq(pick(r, mysteryNouns), NO, noun(r)),
  (r) => seq(noun(r), ["の謎", "ノ ナゾ"]),
  (r) => seq(["消えた", "キエタ"], chance(r, 0.5) ? noun(r) : pick(r, mysteryNouns)),
  (r) => seq(placeWord(r), ["発", "ハツ"], pick(r, trains), ["殺人事件", "サツジン ジケン"]),
];

const historicalPatterns: readonly Pattern[] = [
  (r) => seq(...interleave(twoNouns(r, historicalNouns), NO)),
  (r) => seq(pick(r, historicalPlaces), pick(r, historicalNouns)),
  (r) => seq(pick(r, historicalNouns), ["始末", "シマツ"]),
  (r) => seq(pick(r, historicalPlaces), ["捕物帳", "トリモノチョウ"]),
  (r) => seq(pick(r, historicalNouns), ["日記", "ニッキ"]),
  (r) => seq(pick(r, historicalNouns), ["見参", "ケンザン"]),
  (r) => seq(modifier(r), pick(r, historicalNouns)),
  (r) => seq(noun(r), NO, pick(r, historicalNouns)),
  (r) => seq(pick(r, historicalPlaces), ["人情", "ニンジョウ"], pick(r, historicalNouns)),
];

const sfPatterns: readonly Pattern[] = [
  (r) => seq(...interleave(twoNouns(r, sfNouns), NO)),
  (r) => seq(...interleave(twoNouns(r, sfNouns), TO)),
  (r) => seq(modifier(r), pick(r, sfNouns)),
  (r) => seq(pick(r, sfNouns), ["戦記", "センキ"]),
  (r) => seq(pick(r, sfNouns), ["の彼方", "ノ カナタ"]),
  (r) => seq(["さよなら、", "サヨナラ"], pick(r, sfNouns)),
  (r) => seq(pick(r, sfNouns), NO, noun(r)),
  (r) => seq(noun(r), NO, pick(r, sfNouns)),
];

const essayPatterns: readonly Pattern[] = [
  (r) => seq(pick(r, essayNouns), ["の日々", "ノ ヒビ"]),
  (r) => seq(pick(r, essayNouns), ["のある暮らし", "ノ アル クラシ"]),
  (r) => seq(pick(r, essayNouns), ["について", "ニ ツイテ"]),
  (r) => seq(modifier(r), pick(r, essayNouns)),
  (r) => seq(placeWord(r), ["で暮らす", "デ クラス"]),
  (r) => seq(placeWord(r), ["を歩く", "オ アルク"]),
  (r) => seq(pick(r, essayNouns), ["の味", "ノ アジ"]),
  (r) => seq(pick(r, essayNouns), ["の手帖", "ノ テチョウ"]),
  (r) => seq(pick(r, essayNouns), ["日記", "ニッキ"]),
  (r) => seq(...interleave(twoNouns(r, essayNouns), TO)),
  (r) => seq(pick(r, essayNouns), NO, noun(r)),
  (r) => seq(["ひとりの", "ヒトリ ノ"], pick(r, essayNouns)),
  (r) => seq(placeWord(r), NO, pick(r, essayNouns)),
  (r) => seq(noun(r), TO, pick(r, essayNouns)),
  (r) => seq(modifier(r), pick(r, essayNouns), NO, noun(r)),
];

const poetryPatterns: readonly Pattern[] = [
  (r) => noun(r),
  (r) => seq(modifier(r), noun(r)),
  (r) => seq(...interleave(twoNouns(r), NO)),
  (r, t) => seq(t.name, SPACE, modifier(r), noun(r)),
  (r, t) => seq(t.name, SPACE, noun(r)),
];

function foreignGiven(rng: Rng, topic: Topic): Word {
  const names = namesOf(topic.original);
  const [katakana] = pick(rng, names.given);
  return [katakana, katakana];
}

const translatedPatterns: readonly Pattern[] = [
  (r) => seq(...interleave(twoNouns(r), NO)),
  (r) => seq(modifier(r), noun(r)),
  (r) => seq(...interleave(twoNouns(r), TO)),
  (r) => seq(glue(noun(r), ["たち", "タチ"]), NO, noun(r)),
  (r) => noun(r),
  (r, t) => seq(foreignGiven(r, t), NO, noun(r)),
  (r, t) => seq(foreignGiven(r, t), TO, noun(r)),
  (r) => seq(modifier(r), ...interleave(twoNouns(r), NO)),
];

const reportagePatterns: readonly Pattern[] = [
  (r) => seq(["ルポ", "ルポ"], pick(r, reportageNouns)),
  (r) => seq(pick(r, reportageNouns), ["の記録", "ノ キロク"]),
  (r) => seq(pick(r, reportageNouns), ["を追って", "オ オッテ"]),
  (r) => seq(pick(r, reportageNouns), ["の現場", "ノ ゲンバ"]),
  (r) => seq(...interleave(twoNouns(r, reportageNouns), TO)),
  (r) => seq(placeWord(r), NO, pick(r, reportageNouns)),
  (r) => seq(["証言", "ショウゲン"], pick(r, reportageNouns)),
];

const COUNTS = [3, 5, 7, 10, 12, 20, 30, 33, 40, 50, 55, 60, 70, 77, 80, 99, 100, 101, 365];
const LESSONS: readonly Word[] = [
  ["ヒント", "ヒント"],
  ["コツ", "コツ"],
  ["ルール", "ルール"],
  ["習慣", "シュウカン"],
  ["法則", "ホウソク"],
  ["方法", "ホウホウ"],
  ["知恵", "チエ"],
  ["疑問", "ギモン"],
  ["言葉", "コトバ"],
  ["話", "ハナシ"],
];

const QUESTIONS: readonly Word[] = [
  ["謎", "ナゾ"],
  ["疑問", "ギモン"],
  ["話", "ハナシ"],
  ["キーワード", "キーワード"],
  ["ふしぎ", "フシギ"],
];

/** 「50のヒント」「100の謎」 */
function counted(rng: Rng, things: readonly Word[]): Word {
  const n = pick(rng, COUNTS);
  const [thing, reading] = pick(rng, things);
  return [`${n}の${thing}`, `${numberReading(n)} ノ ${reading}`];
}

const ASPECTS: readonly Word[] = [
  ["関係", "カンケイ"],
  ["科学", "カガク"],
  ["歴史", "レキシ"],
  ["ふしぎ", "フシギ"],
  ["話", "ハナシ"],
  ["あいだ", "アイダ"],
];

// Explanatory books put a promise before the field and a kind of book after it
// (「マンガでわかる会計の基本」「ゼロからはじめるPython入門」).
const EXPLAINED: readonly Word[] = [
  ["マンガでわかる", "マンガ デ ワカル"],
  ["イラストでわかる", "イラスト デ ワカル"],
  ["カラー図解", "カラー ズカイ"],
  ["基礎からわかる", "キソ カラ ワカル"],
  ["図解でわかる", "ズカイ デ ワカル"],
  ["いちばんわかりやすい", "イチバン ワカリヤスイ"],
  ["やさしくわかる", "ヤサシク ワカル"],
];
const PRACTISED: readonly Word[] = [
  ...EXPLAINED,
  ["ゼロからはじめる", "ゼロ カラ ハジメル"],
  ["親子で楽しむ", "オヤコ デ タノシム"],
  ["プロが教える", "プロ ガ オシエル"],
  ["ひとりでできる", "ヒトリ デ デキル"],
  ["今日からはじめる", "キョウ カラ ハジメル"],
  ["失敗しない", "シッパイ シナイ"],
];
const BOOK_KINDS: readonly Word[] = [
  ["入門", "ニュウモン"],
  ["の基本", "ノ キホン"],
  ["の教科書", "ノ キョウカショ"],
  ["のきほん", "ノ キホン"],
  ["レッスン", "レッスン"],
  ["ブック", "ブック"],
  ["ガイド", "ガイド"],
  ["大全", "タイゼン"],
  ["ノート", "ノート"],
  ["ドリル", "ドリル"],
  ["のすべて", "ノ スベテ"],
  ["の基礎知識", "ノ キソ チシキ"],
];

const explained =
  (promises: readonly Word[]): Pattern =>
  (r, t) =>
    seq(pick(r, promises), fieldWord(r, t), pick(r, BOOK_KINDS));

const pairPatterns: readonly Pattern[] = [
  (r, t) => {
    const [a, b] = twoNouns(r, t.words);
    return seq(a, ["から", "カラ"], b, ["まで", "マデ"]);
  },
  (r, t) => seq(...interleave(twoNouns(r, t.words), TO), NO, pick(r, ASPECTS)),
];

const generalPatterns: readonly Pattern[] = [
  ...pairPatterns,
  explained(EXPLAINED),
  explained(EXPLAINED),
  explained(EXPLAINED),
  explained(EXPLAINED),
  (r, t) => seq(topicWord(r, t), counted(r, QUESTIONS)),
  (r, t) => seq(["はじめての", "ハジメテ ノ"], fieldWord(r, t)),
  (r, t) => seq(topicWord(r, t), ["入門", "ニュウモン"]),
  (r, t) => seq(topicWord(r, t), ["の基本", "ノ キホン"]),
  (r, t) => seq(topicWord(r, t), ["の教科書", "ノ キョウカショ"]),
  (r, t) => seq(["よくわかる", "ヨク ワカル"], fieldWord(r, t)),
  (r, t) => seq(["図解", "ズカイ"], fieldWord(r, t)),
  (r, t) => seq(topicWord(r, t), ["のしくみ", "ノ シクミ"]),
  (r, t) => seq(topicWord(r, t), ["の科学", "ノ カガク"]),
  (r, t) => seq(topicWord(r, t), ["の歴史", "ノ レキシ"]),
  (r, t) => seq(...interleave(twoNouns(r, t.words), TO)),
  (r, t) => seq(...interleave(twoNouns(r, t.words), NO)),
  (r, t) => seq(topicWord(r, t), ["のすべて", "ノ スベテ"]),
  (r, t) => seq(topicWord(r, t), ["の世界", "ノ セカイ"]),
  (r, t) => seq(topicWord(r, t), ["のはなし", "ノ ハナシ"]),
  (r, t) => seq(["大人の", "オトナ ノ"], fieldWord(r, t)),
  (r, t) => {
    const minutes = pick(r, [10, 15, 30, 60, 90]);
    return seq([`${minutes}分でわかる`, `${minutesReading(minutes)} デ ワカル`], fieldWord(r, t));
  },
  (r, t) => seq(topicWord(r, t), ["の考え方", "ノ カンガエカタ"]),
  (r, t) => seq(["いちばんやさしい", "イチバン ヤサシイ"], fieldWord(r, t)),
  (r, t) => seq(topicWord(r, t), ["を学ぶ", "オ マナブ"]),
  (r, t) => seq(pick(r, t.words), ["から見た", "カラ ミタ"], t.name),
  (r, t) => seq(["現代", "ゲンダイ"], glue(fieldWord(r, t), ["論", "ロン"])),
  (r, t) => seq(topicWord(r, t), ["の基礎知識", "ノ キソ チシキ"]),
  (r, t) => seq(topicWord(r, t), ["読本", "ドクホン"]),
  (r, t) => seq(topicWord(r, t), ["はおもしろい", "ワ オモシロイ"]),
  (r, t) => seq(["なぜ", "ナゼ"], fieldWord(r, t), ["なのか", "ナノカ"]),
  (r, t) => seq(topicWord(r, t), ["の謎", "ノ ナゾ"]),
  (r, t) => seq(topicWord(r, t), ["の未来", "ノ ミライ"]),
  (r, t) => seq(topicWord(r, t), ["とは何か", "トワ ナニカ"]),
  (r, t) => seq(topicWord(r, t), ["の時代", "ノ ジダイ"]),
  (r, t) => seq(["新しい", "アタラシイ"], fieldWord(r, t)),
  (r, t) => seq(["知っておきたい", "シッテ オキタイ"], fieldWord(r, t)),
  (r, t) => seq(topicWord(r, t), ["のひみつ", "ノ ヒミツ"]),
];

const practicalPatterns: readonly Pattern[] = [
  ...pairPatterns,
  explained(PRACTISED),
  explained(PRACTISED),
  explained(PRACTISED),
  explained(PRACTISED),
  explained(PRACTISED),
  explained(PRACTISED),
  (r, t) => seq(topicWord(r, t), counted(r, LESSONS)),
  (r, t) => seq(["はじめての", "ハジメテ ノ"], fieldWord(r, t)),
  (r, t) => seq(topicWord(r, t), ["の基本", "ノ キホン"]),
  (r, t) => seq(topicWord(r, t), ["のきほん", "ノ キホン"]),
  (r, t) => seq(topicWord(r, t), ["の教科書", "ノ キョウカショ"]),
  (r, t) => seq(["かんたん", "カンタン"], fieldWord(r, t)),
  (r, t) => seq(["毎日の", "マイニチ ノ"], fieldWord(r, t)),
  (r, t) => seq(["基本の", "キホン ノ"], fieldWord(r, t)),
  (r, t) => seq(["おうちで", "オウチ デ"], fieldWord(r, t)),
  (r, t) => seq(topicWord(r, t), ["のコツ", "ノ コツ"]),
  (r, t) => seq(topicWord(r, t), ["レッスン", "レッスン"]),
  (r, t) => seq(["大人の", "オトナ ノ"], fieldWord(r, t)),
  (r, t) => seq(["いちばんやさしい", "イチバン ヤサシイ"], fieldWord(r, t)),
  (r, t) => seq(["図解", "ズカイ"], fieldWord(r, t)),
  (r, t) => seq(["よくわかる", "ヨク ワカル"], fieldWord(r, t)),
  (r, t) => seq(topicWord(r, t), ["入門", "ニュウモン"]),
  (r, t) => seq(["一生使える", "イッショウ ツカエル"], fieldWord(r, t)),
  (r, t) => seq(["決定版", "ケッテイバン"], fieldWord(r, t)),
  (r, t) => seq(["最新", "サイシン"], fieldWord(r, t)),
  (r, t) => seq(topicWord(r, t), ["大全", "タイゼン"]),
  (r, t) => {
    const age = pick(r, [40, 50, 60, 70]);
    return seq([`${age}歳からの`, `${ageReading(age)} カラ ノ`], fieldWord(r, t));
  },
  (r, t) => seq(...interleave(twoNouns(r, t.words), TO)),
  (r, t) => seq(topicWord(r, t), ["の本", "ノ ホン"]),
];

// Cookbooks are titled by the dish (「おいしいスープ」), not by cooking in general.
const cookingPatterns: readonly Pattern[] = [
  (r, t) => seq(["おいしい", "オイシイ"], pick(r, t.words)),
  (r, t) => seq(pick(r, t.words), ["のレシピ", "ノ レシピ"]),
  (r, t) => seq(["やさしい", "ヤサシイ"], pick(r, t.words)),
  (r, t) => seq(["ほめられ", "ホメラレ"], pick(r, t.words)),
  (r, t) => seq(["野菜たっぷり", "ヤサイ タップリ"], pick(r, t.words)),
  (r, t) => seq(["15分で", "ジュウゴフン デ"], pick(r, t.words)),
  (r, t) => seq(["季節の", "キセツ ノ"], pick(r, t.words)),
  (r, t) => seq(pick(r, t.words), counted(r, LESSONS)),
];

const academicPatterns: readonly Pattern[] = [
  (r, t) => glue(topicWord(r, t), ["論", "ロン"]),
  (r, t) => seq(topicWord(r, t), ["概論", "ガイロン"]),
  (r, t) => seq(topicWord(r, t), ["講義", "コウギ"]),
  (r, t) => seq(topicWord(r, t), ["研究", "ケンキュウ"]),
  (r, t) => seq(["現代", "ゲンダイ"], fieldWord(r, t)),
  (r, t) => seq(topicWord(r, t), ["の理論", "ノ リロン"]),
  (r, t) => seq(topicWord(r, t), ["と社会", "ト シャカイ"]),
  (r, t) => seq(topicWord(r, t), ["の方法", "ノ ホウホウ"]),
  (r, t) => seq(["入門", "ニュウモン"], fieldWord(r, t)),
  (r, t) => seq(topicWord(r, t), ["の基礎", "ノ キソ"]),
  (r, t) => seq(["基礎から学ぶ", "キソ カラ マナブ"], fieldWord(r, t)),
  (r, t) => glue(topicWord(r, t), ["史", "シ"]),
  (r, t) => seq(["講座", "コウザ"], fieldWord(r, t)),
  (r, t) => seq(topicWord(r, t), ["の再検討", "ノ サイケントウ"]),
  (r, t) => {
    const [a, b] = twoNouns(r, t.words);
    return seq(a, ["をめぐる", "オ メグル"], b);
  },
  (r, t) => seq(...interleave(twoNouns(r, t.words), TO)),
];

const businessPatterns: readonly Pattern[] = [
  ...pairPatterns,
  explained(EXPLAINED),
  explained(EXPLAINED),
  explained(EXPLAINED),
  explained(EXPLAINED),
  (r, t) => seq(topicWord(r, t), counted(r, LESSONS)),
  (r, t) => seq(t.name, ["がうまくいく", "ガ ウマク イク"], counted(r, LESSONS)),
  (r, t) => seq(topicWord(r, t), ["の教科書", "ノ キョウカショ"]),
  (r, t) => seq(topicWord(r, t), ["の技術", "ノ ギジュツ"]),
  (r, t) => seq(topicWord(r, t), ["の極意", "ノ ゴクイ"]),
  (r, t) => seq(topicWord(r, t), ["大全", "タイゼン"]),
  (r, t) => seq(["最強の", "サイキョウ ノ"], fieldWord(r, t)),
  (r, t) => seq(topicWord(r, t), ["思考", "シコウ"]),
  (r, t) => seq(["世界一やさしい", "セカイイチ ヤサシイ"], fieldWord(r, t)),
  (r, t) => seq(["できる人の", "デキル ヒト ノ"], fieldWord(r, t)),
  (r, t) => seq(topicWord(r, t), ["戦略", "センリャク"]),
  (r, t) => seq(topicWord(r, t), ["の本質", "ノ ホンシツ"]),
  (r, t) => seq(["新しい", "アタラシイ"], fieldWord(r, t)),
  (r, t) => seq(topicWord(r, t), ["入門", "ニュウモン"]),
  (r, t) => seq(topicWord(r, t), ["のルール", "ノ ルール"]),
  (r, t) => seq(...interleave(twoNouns(r, t.words), NO)),
  (r, t) => seq(["図解", "ズカイ"], fieldWord(r, t)),
];

const childSubject = (rng: Rng): Word =>
  chance(rng, 0.8) ? pick(rng, childAnimals) : pick(rng, childPeople);

/** A child's name as children's books write it (「はなこちゃん」). */
function childName(rng: Rng): Word {
  const [, reading] = pick(rng, givenNames);
  return chance(rng, 0.5)
    ? [`${hiraganaOf(reading)}ちゃん`, `${reading}チャン`]
    : [`${hiraganaOf(reading)}くん`, `${reading}クン`];
}

const childPatterns: readonly Pattern[] = [
  (r) => seq(childName(r), NO, pick(r, childThings)),
  (r) => seq(childName(r), TO, pick(r, childAnimals)),
  (r) => seq(childSubject(r), NO, pick(r, childThings)),
  (r) => seq(childSubject(r), NO, pick(r, childThings)),
  (r) => seq(...interleave(twoNouns(r, childAnimals), TO)),
  (r) => seq(glue(pick(r, childAnimals), ["くん", "クン"]), NO, pick(r, childThings)),
  (r) => seq(glue(pick(r, childAnimals), ["さん", "サン"]), NO, pick(r, childThings)),
  (r) => seq(pick(r, childModifiers), chance(r, 0.5) ? pick(r, childThings) : childSubject(r)),
  (r) => seq(pick(r, childThings), ["がいっぱい", "ガ イッパイ"]),
  (r) => seq(["おやすみ、", "オヤスミ"], pick(r, childAnimals)),
  (r) => seq(childSubject(r), ["がやってきた", "ガ ヤッテ キタ"]),
  (r) => seq(animalsCounted(between(r, 2, 11)), NO, pick(r, childAnimals)),
  (r) => seq(["ぼくは", "ボク ワ"], pick(r, childAnimals)),
  (r) => seq(childSubject(r), NO, pick(r, childPlaces)),
  (r) => seq(childSubject(r), TO, pick(r, childThings)),
  (r) => seq(pick(r, childModifiers), childSubject(r), NO, pick(r, childThings)),
];

const childNonfictionPatterns: readonly Pattern[] = [
  (r, t) => seq(topicWord(r, t), ["のふしぎ", "ノ フシギ"]),
  (r, t) => seq(topicWord(r, t), ["のひみつ", "ノ ヒミツ"]),
  (r, t) => seq(topicWord(r, t), ["ずかん", "ズカン"]),
  (r, t) => seq(topicWord(r, t), ["大図鑑", "ダイズカン"]),
  (r, t) => seq(["しらべよう！", "シラベヨウ"], fieldWord(r, t)),
  (r, t) => seq(["たのしい", "タノシイ"], fieldWord(r, t)),
  (r, t) => seq(topicWord(r, t), ["のなかま", "ノ ナカマ"]),
  (r, t) => seq(["みつけた！", "ミツケタ"], fieldWord(r, t)),
  (r, t) => seq(["はじめての", "ハジメテ ノ"], fieldWord(r, t)),
  (r, t) => seq(["なぜなに", "ナゼナニ"], fieldWord(r, t)),
  (r, t) => seq(topicWord(r, t), ["の一日", "ノ イチニチ"]),
];

const titlePatterns: Readonly<Record<Genre, readonly Pattern[]>> = {
  fiction: fictionPatterns,
  mystery: mysteryPatterns,
  historical: historicalPatterns,
  sf: sfPatterns,
  essay: essayPatterns,
  poetry: poetryPatterns,
  translated: translatedPatterns,
  reportage: reportagePatterns,
  nonfiction: generalPatterns,
  practical: practicalPatterns,
  academic: academicPatterns,
  business: businessPatterns,
  travel: [],
  childrenFiction: childPatterns,
  picture: childPatterns,
  folktale: [(r, t) => pick(r, t.words)],
  childrenNonfiction: childNonfictionPatterns,
  kamishibai: [...childPatterns, (r) => pick(r, folkTales), (r) => pick(r, folkTales)],
};

function titleOf(rng: Rng, topic: Topic): Word {
  const patterns =
    topic.genre === "practical" && topic.ndc.startsWith("596") && chance(rng, 0.4)
      ? cookingPatterns
      : titlePatterns[topic.genre];
  return pick(rng, patterns)(rng, topic);
}

// ---------------------------------------------------------------------------------------------------------
// People and bodies

type Person = { contributor: Contributor; display: string; initial: string };

const AUTHORS_PER_TOPIC = 600;

// Author pools besides the topics' own (a topic's pool is its index), so that translators, narrators and
// conductors are not drawn from the novelists.
const POOL = { local: 5000, music: 6000, reference: 7000, translators: 8000, narrators: 9000 } as const;

/** A Japanese author: each topic draws on its own few hundred of the family × given combinations. */
function japanesePerson(rng: Rng, pool: number, inHiragana = false): Person {
  const h = mix32(pool * 7919 + int(rng, AUTHORS_PER_TOPIC));
  const [family, familyReading] = familyNames[h % familyNames.length]!;
  const [given, givenReading] = givenNames[(h >>> 8) % givenNames.length]!;
  const reading = catalogueReading(`${familyReading}, ${givenReading}`);
  if (inHiragana) {
    // Picture-book authors often write their names in hiragana (なかがわりえこ).
    const f = hiraganaOf(familyReading);
    const g = hiraganaOf(givenReading);
    return { contributor: { name: `${f}, ${g}`, reading }, display: f + g, initial: reading[0]! };
  }
  return {
    contributor: { name: `${family}, ${given}`, reading },
    display: family + given,
    initial: reading[0]!,
  };
}

function namesOf(original: Topic["original"]): ForeignNames {
  return original === "german" ? germanNames : original === "french" ? frenchNames : englishNames;
}

function foreignPerson(rng: Rng, names: ForeignNames): Person {
  const [family] = pick(rng, names.family);
  const [given] = pick(rng, names.given);
  return {
    contributor: { name: `${family}, ${given}`, reading: `${family}, ${given}` },
    display: `${given}・${family}`,
    initial: family[0]!,
  };
}

function latinPerson(rng: Rng): Person {
  const [, family] = pick(rng, englishNames.family);
  const [, given] = pick(rng, englishNames.given);
  return {
    contributor: { name: `${family}, ${given}`, reading: null },
    display: `${given} ${family}`,
    initial: family[0]!,
  };
}

function body(word: Word): Person {
  const reading = catalogueReading(word[1]);
  return { contributor: { name: word[0], reading }, display: word[0], initial: reading[0]! };
}

/** Contributors and the statement of responsibility from [person, role] pairs ("A 作 ; B 絵"). */
function credits(roles: readonly (readonly [readonly Person[], string])[]): {
  authors: Contributor[];
  responsibility: string;
  initial: string;
} {
  return {
    authors: roles.flatMap(([people]) => people.map((p) => p.contributor)),
    responsibility: roles
      .map(([people, role]) => `${people.map((p) => p.display).join(", ")} ${role}`)
      .join(" ; "),
    initial: roles[0]![0][0]!.initial,
  };
}

// ---------------------------------------------------------------------------------------------------------
// Dates

const DAY = 86_400_000;

function dayOf(iso: string, label: string): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  const day = match ? Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) / DAY : Number.NaN;
  if (!Number.isFinite(day) || isoOf(day) !== iso)
    throw new RangeError(`${label} "${iso}" is not a YYYY-MM-DD date`);
  return day;
}

const isoOf = (day: number): string => new Date(day * DAY).toISOString().slice(0, 10);
const yearOf = (day: number): number => new Date(day * DAY).getUTCFullYear();
const firstDayOf = (year: number): number => Date.UTC(year, 0, 1) / DAY;

// ---------------------------------------------------------------------------------------------------------
// The run

type Format = Extract<
  MaterialType,
  "book" | "bigBook" | "kamishibai" | "magazine" | "weeklyMagazine" | "cd" | "dvd" | "audiobookCd"
>;

type Kind =
  | { kind: "topic"; topic: Topic; pool: number }
  | { kind: "local" | "reference" | "magazine" | "music" | "film" | "english" };

type Run = {
  rng: Rng;
  kinds: Weighted<Kind>;
  servicePoints: Weighted<string>;
  mainServicePoint: string;
  barcode: (serial: number) => string;
  nextSerial: number;
  prefix: string;
  isbnOffset: number;
  fromDay: number;
  toDay: number;
  minYear: number;
  maxYear: number;
};

function startRun(options: GenerateCatalogueOptions): Run {
  if (!Number.isInteger(options.count) || options.count < 0) {
    throw new RangeError(`count must be a whole number, not ${options.count}`);
  }
  if (options.servicePoints.length === 0) throw new RangeError("at least one service point is needed");
  const fromDay = dayOf(options.receivedFrom, "receivedFrom");
  const toDay = dayOf(options.receivedTo, "receivedTo");
  if (fromDay > toDay) throw new RangeError("receivedFrom is after receivedTo");
  // Titles are published up to the end of the range, so the newest are this year's when it ends today.
  const maxYear = yearOf(toDay);
  const minYear = Math.min(1950, maxYear);
  const kinds: [Kind, number][] = topics
    .filter((topic) => (topic.fromYear ?? minYear) <= maxYear)
    .map((topic): [Kind, number] => [{ kind: "topic", topic, pool: topics.indexOf(topic) }, topic.weight]);
  kinds.push(
    [{ kind: "local" }, 2],
    [{ kind: "reference" }, 1],
    [{ kind: "magazine" }, 4],
    [{ kind: "music" }, 0.8],
    [{ kind: "film" }, 0.6],
    [{ kind: "english" }, 0.8],
  );
  const [main, ...others] = options.servicePoints;
  return {
    rng: mulberry32(options.seed),
    kinds: weighted(kinds),
    // The main library holds the larger share of the collection.
    servicePoints: weighted<string>([
      [main!, others.length > 0 ? 2 : 1],
      ...others.map((sp) => [sp, 1] as const),
    ]),
    mainServicePoint: main!,
    barcode: options.barcode,
    nextSerial: options.firstSerial ?? 1,
    prefix: options.controlNumberPrefix ?? "SH",
    isbnOffset: mix32(options.seed ^ 0x5eed) % 100_000_000,
    fromDay,
    toDay,
    minYear,
    maxYear,
  };
}

/** What a record is before its items are made. */
type Draft = {
  record: Omit<BibliographicRecord, "controlNumber" | "isbn13" | "isbn10">;
  format: Format;
  hasIsbn: boolean;
  /** First kana (or letter) of the main entry, for the call number. */
  initial: string;
  callPrefix: "" | "R " | "A ";
  volume: number | null;
  /** The day the title was published, or, for a magazine, its issue date. */
  published: number;
  copies: number;
  flags: (rng: Rng, copy: number) => ItemFlag[];
  atMain: number;
};

function makeRecord(run: Run, index: number): ImportedRecord {
  const draft = draftOf(run, pickWeighted(run.rng, run.kinds));
  const isbn = draft.hasIsbn ? isbnsOf(run, index) : null;
  const record: BibliographicRecord = {
    controlNumber: `${run.prefix}${String(index + 1).padStart(7, "0")}`,
    ...draft.record,
    isbn13: isbn?.isbn13 ?? null,
    isbn10: isbn?.isbn10 ?? null,
  };
  return { record, items: itemsOf(run, draft) };
}

function draftOf(run: Run, kind: Kind): Draft {
  switch (kind.kind) {
    case "topic":
      return topicDraft(run, kind.topic, kind.pool);
    case "local":
      return localDraft(run);
    case "reference":
      return referenceDraft(run);
    case "magazine":
      return magazineDraft(run);
    case "music":
      return musicDraft(run);
    case "film":
      return filmDraft(run);
    case "english":
      return englishDraft(run);
  }
}

function itemsOf(run: Run, draft: Draft): ImportedItem[] {
  const rng = run.rng;
  const callNumber = `${draft.callPrefix}${draft.record.ndc}/${draft.initial}${draft.volume ? `/${draft.volume}` : ""}`;
  const first = receivedDay(run, draft);
  const used = new Set<string>();
  const items: ImportedItem[] = [];
  for (let copy = 0; copy < draft.copies; copy++) {
    let servicePoint = chance(rng, draft.atMain)
      ? run.mainServicePoint
      : pickWeighted(rng, run.servicePoints);
    // Further copies go to other service points where there are any.
    for (let attempt = 0; used.has(servicePoint) && attempt < 4; attempt++) {
      servicePoint = pickWeighted(rng, run.servicePoints);
    }
    used.add(servicePoint);
    const received = copy === 0 ? first : Math.min(run.toDay, first + int(rng, 60));
    items.push({
      barcode: run.barcode(run.nextSerial++),
      materialType: draft.format,
      callNumber,
      servicePoint,
      flags: draft.flags(rng, copy),
      receivedOn: isoOf(received),
    });
  }
  return items;
}

// A library buys a new title within months of publication; older titles mostly came with the opening stock.
function receivedDay(run: Run, draft: Draft): number {
  const rng = run.rng;
  if (draft.format === "magazine" || draft.format === "weeklyMagazine") {
    return Math.max(run.fromDay, draft.published - int(rng, 8));
  }
  if (draft.published >= run.fromDay) {
    return draft.published + Math.floor(rng() ** 2 * (Math.min(150, run.toDay - draft.published) + 1));
  }
  return run.fromDay + Math.floor(rng() ** 1.7 * (run.toDay - run.fromDay + 1));
}

// The age of a title on a public library's shelves: new titles come in every year and old ones are weeded,
// so that about a quarter are under five years old and one in five over twenty-five.
const MEAN_AGE_DAYS = 15 * 365;

/** The day a title was published (and so its year), weighted to recent ones, not before `from`. */
function publication(run: Run, from = run.minYear): { year: number; day: number } {
  const rng = run.rng;
  const low = firstDayOf(Math.min(Math.max(from, run.minYear), run.maxYear));
  const high = Math.min(run.toDay, firstDayOf(run.maxYear + 1) - 1);
  let day = high - Math.floor(-MEAN_AGE_DAYS * Math.log(1 - rng()));
  // The few older than the range are spread evenly over it instead of piling up on its first year.
  if (day < low) day = low + int(rng, high - low + 1);
  return { year: yearOf(day), day };
}

/** The name a publisher had in a year (角川書店 before KADOKAWA); the table lists old names oldest first. */
function publisherAsOf(name: string, year: number): string {
  for (const [current, until, earlier] of formerPublisherNames) {
    if (current === name && year < until) return earlier;
  }
  return name;
}

// ---------------------------------------------------------------------------------------------------------
// ISBNs: unique because derived from the record number by n ↦ (7654321 n + offset) mod 10⁸, a bijection
// of the 8-digit range since 7654321 is prime to 10⁸. Group 4 (Japan) throughout; registrant and title
// numbers are not split as real publishers' would be.

function isbnsOf(run: Run, index: number): { isbn13: string; isbn10: string } {
  const body = String((index * 7_654_321 + run.isbnOffset) % 100_000_000).padStart(8, "0");
  const nine = `4${body}`;
  return { isbn13: isbn13With(`978${nine}`), isbn10: isbn10With(nine) };
}

function isbn13With(twelve: string): string {
  let sum = 0;
  for (let i = 0; i < 12; i++) sum += Number(twelve[i]) * (i % 2 === 0 ? 1 : 3);
  return twelve + String((10 - (sum % 10)) % 10);
}

function isbn10With(nine: string): string {
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += Number(nine[i]) * (10 - i);
  const check = (11 - (sum % 11)) % 11;
  return nine + (check === 10 ? "X" : String(check));
}

// ---------------------------------------------------------------------------------------------------------
// Records by kind

const noFlags = (): ItemFlag[] => [];

function copiesOf(rng: Rng): number {
  const r = rng();
  return r < 0.75 ? 1 : r < 0.93 ? 2 : 3;
}

type Shape = { pages: readonly [number, number]; sizes: readonly number[] };

const shapes: Readonly<Record<Genre, Shape>> = {
  fiction: { pages: [200, 460], sizes: [19, 20] },
  mystery: { pages: [240, 480], sizes: [19, 20] },
  historical: { pages: [240, 420], sizes: [19, 20] },
  sf: { pages: [240, 520], sizes: [19, 20] },
  essay: { pages: [160, 300], sizes: [19, 20] },
  poetry: { pages: [90, 200], sizes: [20, 22] },
  translated: { pages: [240, 520], sizes: [19, 20] },
  reportage: { pages: [220, 380], sizes: [19, 20] },
  nonfiction: { pages: [180, 360], sizes: [19, 20, 21] },
  practical: { pages: [95, 175], sizes: [21, 24, 26] },
  academic: { pages: [240, 520], sizes: [21, 22] },
  business: { pages: [200, 320], sizes: [19, 21] },
  travel: { pages: [110, 200], sizes: [21, 26] },
  childrenFiction: { pages: [60, 200], sizes: [20, 22] },
  picture: { pages: [24, 40], sizes: [20, 22, 25, 26, 27, 31] },
  folktale: { pages: [24, 40], sizes: [24, 27] },
  childrenNonfiction: { pages: [32, 64], sizes: [27, 29, 31] },
  kamishibai: { pages: [8, 16], sizes: [27] },
};

const seriesFormats = {
  bunko: { pages: [180, 480], sizes: [15] },
  shinsho: { pages: [180, 320], sizes: [18] },
  children: { pages: [120, 300], sizes: [18] },
  picture: { pages: [24, 32], sizes: [20, 27] },
  zukan: { pages: [190, 240], sizes: [29] },
  textbook: { pages: [240, 400], sizes: [19, 21] },
} satisfies Record<Series["format"], Shape>;

const seriesPreference: Partial<Record<Genre, number>> = {
  fiction: 0.4,
  mystery: 0.5,
  historical: 0.55,
  sf: 0.5,
  essay: 0.3,
  translated: 0.35,
  nonfiction: 0.35,
  academic: 0.2,
  business: 0.1,
  practical: 0.03,
  childrenFiction: 0.3,
  picture: 0.2,
  folktale: 0.2,
  childrenNonfiction: 0.15,
};

const seriesByGenre = new Map<Genre, readonly Series[]>();
for (const s of allSeries) {
  for (const genre of s.genres) seriesByGenre.set(genre, [...(seriesByGenre.get(genre) ?? []), s]);
}

function seriesFor(rng: Rng, topic: Topic, year: number): Series | null {
  if (!chance(rng, seriesPreference[topic.genre] ?? 0)) return null;
  const candidates = (seriesByGenre.get(topic.genre) ?? []).filter(
    (s) => s.from <= year && (!s.ndc || s.ndc.test(topic.ndc)),
  );
  return candidates.length > 0 ? pick(rng, candidates) : null;
}

function seriesStatement(rng: Rng, s: Series, year: number): string {
  if (!s.perYear) return s.name;
  const number = Math.max(1, (year - s.from) * s.perYear + int(rng, s.perYear));
  return `${s.name} ; ${number}`;
}

const EDITIONS = [
  "新装版",
  "新版",
  "改訂版",
  "増補版",
  "第2版",
  "増補改訂版",
  "新訂版",
  "改訂新版",
  "新装改訂版",
];
const ACADEMIC_EDITIONS = ["第2版", "第3版", "新版", "改訂版", "第4版"];

const readingAges = ["小学校低学年から", "小学校中学年から", "小学校高学年から", "中学生から"];

const defaultPress: Readonly<Record<Genre, Press>> = {
  fiction: "literary",
  mystery: "mystery",
  historical: "historical",
  sf: "sf",
  essay: "essay",
  poetry: "poetry",
  translated: "translated",
  reportage: "nonfiction",
  nonfiction: "nonfiction",
  practical: "practical",
  academic: "academic",
  business: "business",
  travel: "travel",
  childrenFiction: "children",
  picture: "picture",
  folktale: "picture",
  childrenNonfiction: "childrenNonfiction",
  kamishibai: "kamishibai",
};

const isFiction = (genre: Genre) =>
  genre === "fiction" || genre === "mystery" || genre === "historical" || genre === "sf" || genre === "essay";
const isChildren = (genre: Genre) =>
  genre === "childrenFiction" ||
  genre === "picture" ||
  genre === "folktale" ||
  genre === "childrenNonfiction" ||
  genre === "kamishibai";

function topicDraft(run: Run, topic: Topic, pool: number): Draft {
  const rng = run.rng;
  const genre = topic.genre;
  const { year, day: published } = publication(run, topic.fromYear);
  let place: Place | null = null;
  let title: Word;
  let forcedPublisher: string | null = null;
  if (genre === "travel") {
    const travel = travelTitle(rng, topic, year);
    place = travel.place;
    title = travel.title;
    forcedPublisher = travel.publisher;
  } else {
    title = titleOf(rng, topic);
  }

  // Volumes of sets and series
  let volume: number | null = null;
  const v = rng();
  if ((genre === "nonfiction" || genre === "academic") && v < 0.04) {
    volume = between(rng, 1, 10);
    title = seq(title, [` 第${volume}巻`, volumeReading(volume)]);
  } else if (
    (genre === "fiction" || genre === "historical" || genre === "sf" || genre === "translated") &&
    v < 0.04
  ) {
    volume = between(rng, 1, 2);
    title = seq(title, volume === 1 ? [" 上", "ジョウ"] : [" 下", "ゲ"]);
  } else if ((genre === "childrenFiction" || genre === "childrenNonfiction") && v < 0.1) {
    volume = between(rng, 1, 12);
    title = seq(title, [` ${volume}`, numberReading(volume)]);
  }

  const chosenSeries = forcedPublisher ? null : seriesFor(rng, topic, year);
  let recordTitle = title;
  if (chosenSeries?.format === "zukan") {
    // The large picture encyclopaedias are titled by their subject alone (「昆虫」).
    recordTitle = topic.name;
    volume = null;
  }
  const publisherName =
    forcedPublisher ?? chosenSeries?.publisher ?? pick(rng, publishers[topic.press ?? defaultPress[genre]]);
  const publisher = publisherAsOf(publisherName, year);

  // Format
  let format: Format = "book";
  const f = rng();
  if (genre === "kamishibai") format = "kamishibai";
  else if (genre === "picture" && f < 0.02) format = "bigBook";
  else if (isFiction(genre) && f < 0.006 && year >= 1990) format = "audiobookCd";
  else if ((genre === "nonfiction" || genre === "childrenNonfiction") && f < 0.005 && year >= 2000)
    format = "dvd";

  const who = forcedPublisher
    ? { authors: [], responsibility: null, initial: catalogueReading(title[1])[0]! }
    : authorsOf(rng, topic, pool, format);
  const shape = chosenSeries ? seriesFormats[chosenSeries.format] : shapes[genre];
  const notes: string[] = [];
  if (format === "bigBook") notes.push("大型絵本");
  if (format === "audiobookCd") notes.push(`朗読: ${japanesePerson(rng, POOL.narrators).display}`);
  if (genre === "childrenFiction" && chance(rng, 0.15)) notes.push(pick(rng, readingAges));

  let subjects: string[] = [];
  if (place) subjects = [`${place.prefecture}--紀行・案内記`];
  else if (topic.subjects.length > 0 && chance(rng, isFiction(genre) || isChildren(genre) ? 0.4 : 0.85)) {
    subjects = topic.subjects.slice(0, between(rng, 1, Math.min(3, topic.subjects.length)));
  }
  if (genre === "kamishibai" && folkTales.includes(title)) subjects = ["昔話--日本"];

  const edition =
    genre === "academic" && chance(rng, 0.12)
      ? pick(rng, ACADEMIC_EDITIONS)
      : chance(rng, 0.04)
        ? pick(rng, EDITIONS)
        : null;

  const childrens = isChildren(genre);
  return {
    record: {
      title: recordTitle[0],
      titleReading: catalogueReading(recordTitle[1]),
      responsibility: who.responsibility,
      authors: who.authors,
      publisher,
      publicationYear: year,
      edition,
      series: chosenSeries ? [seriesStatement(rng, chosenSeries, year)] : [],
      ndc: place ? `291.${place.area}` : topic.ndc,
      ndlc: topic.ndlc && chance(rng, 0.35) ? topic.ndlc : null,
      subjects,
      notes,
      language: "jpn",
      extent: extentOf(rng, format, shape),
    },
    format,
    hasIsbn:
      year >= 1981 && (format !== "audiobookCd" || chance(rng, 0.3)) && format !== "dvd" && chance(rng, 0.96),
    initial: who.initial,
    callPrefix: "",
    volume,
    published,
    copies: copiesOf(rng),
    atMain: 0,
    flags:
      format === "bigBook" || format === "kamishibai"
        ? (r) => (chance(r, 0.2) ? ["groupLending"] : [])
        : childrens
          ? assignedOrGroup(rng, 0.015)
          : isFiction(genre)
            ? assignedOrGroup(rng, 0.003)
            : genre === "academic"
              ? (r) => (chance(r, 0.01) ? ["inLibraryOnly"] : [])
              : noFlags,
  };
}

// Set works (課題図書) are assigned reading for all copies; extra copies may be kept for lending to groups.
function assignedOrGroup(rng: Rng, assigned: number): (rng: Rng, copy: number) => ItemFlag[] {
  const isAssigned = chance(rng, assigned);
  return (r, copy) => {
    const flags: ItemFlag[] = isAssigned ? ["assignedReading"] : [];
    if (copy > 0 && chance(r, 0.08)) flags.push("groupLending");
    return flags;
  };
}

function extentOf(rng: Rng, format: Format, shape: Shape): string {
  switch (format) {
    case "audiobookCd":
      return `録音ディスク ${between(rng, 3, 12)}枚 : デジタル ; 12cm`;
    case "cd":
      return `録音ディスク ${chance(rng, 0.85) ? 1 : 2}枚 : デジタル ; 12cm`;
    case "dvd":
      return `ビデオディスク 1枚 (${between(rng, 30, 140)}分) : DVD ; 12cm`;
    case "kamishibai":
      return `紙芝居1組 (${pick(rng, [8, 12, 12, 16, 20])}枚) ; 27×38cm`;
    case "bigBook":
      return `${between(rng, 20, 32)}p ; ${pick(rng, [37, 42, 44, 48])}cm`;
    default: {
      const size = pick(rng, shape.sizes);
      // Picture books are often unpaged.
      if (shape.pages[1] <= 40 && chance(rng, 0.25)) return `1冊 (ページ付なし) ; ${size}cm`;
      return `${between(rng, shape.pages[0], shape.pages[1])}p ; ${size}cm`;
    }
  }
}

function authorsOf(
  rng: Rng,
  topic: Topic,
  pool: number,
  format: Format,
): { authors: Contributor[]; responsibility: string; initial: string } {
  const person = (hiragana = false) => japanesePerson(rng, pool, hiragana);
  const some = (n: number) => Array.from({ length: n }, () => person());
  const r = rng();
  switch (topic.genre) {
    case "translated": {
      const names = namesOf(topic.original);
      return credits([
        [[foreignPerson(rng, names)], "著"],
        [[japanesePerson(rng, POOL.translators + pool)], "訳"],
      ]);
    }
    case "picture": {
      const hiragana = chance(rng, 0.3);
      if (r < 0.15) {
        return credits([
          [[foreignPerson(rng, pick(rng, [englishNames, englishNames, germanNames, frenchNames]))], "作・絵"],
          [[japanesePerson(rng, POOL.translators + pool)], "訳"],
        ]);
      }
      if (r < 0.45) return credits([[[person(hiragana)], "さく・え"]]);
      if (r < 0.7)
        return credits([
          [[person(hiragana)], "ぶん"],
          [[person(hiragana)], "え"],
        ]);
      return credits([
        [[person()], "作"],
        [[person()], "絵"],
      ]);
    }
    case "folktale":
      return r < 0.5
        ? credits([
            [[person()], "文"],
            [[person()], "絵"],
          ])
        : credits([
            [[person()], "再話"],
            [[person()], "画"],
          ]);
    case "kamishibai":
      return r < 0.25
        ? credits([[[person()], "脚本・絵"]])
        : credits([
            [[person()], "脚本"],
            [[person()], "絵"],
          ]);
    case "childrenFiction":
      if (r < 0.1) {
        return credits([
          [[foreignPerson(rng, englishNames)], "作"],
          [[japanesePerson(rng, POOL.translators + pool)], "訳"],
        ]);
      }
      if (r < 0.7)
        return credits([
          [[person()], "作"],
          [[person()], "絵"],
        ]);
      if (r < 0.9) return credits([[[person()], "作"]]);
      return credits([[[person()], "作・絵"]]);
    case "childrenNonfiction":
      if (r < 0.4) return credits([[[person()], "監修"]]);
      if (r < 0.6)
        return credits([
          [[person()], "文"],
          [[person()], "絵"],
        ]);
      return credits([[[person()], "著"]]);
    case "academic":
      if (r < 0.5) return credits([[[person()], "著"]]);
      if (r < 0.85) return credits([[some(between(rng, 2, 3)), "編"]]);
      return credits([[[person()], "編著"]]);
    default: {
      if (topic.bodies && r < 0.06) return credits([[[body(pick(rng, topic.bodies))], "編"]]);
      if (format === "audiobookCd") return credits([[[person()], "著"]]);
      if (topic.genre === "practical" && r < 0.3) return credits([[[person()], "監修"]]);
      if (r < 0.92) return credits([[[person()], "著"]]);
      return credits([[some(2), "著"]]);
    }
  }
}

type TravelPattern = (rng: Rng, place: Word, topic: Topic) => Word;

const travelPatterns: readonly TravelPattern[] = [
  (_r, p) => seq(p, ["を歩く", "オ アルク"]),
  (_r, p) => seq(p, ["の旅", "ノ タビ"]),
  (r, p, t) => seq(p, NO, pick(r, t.words)),
  (_r, p) => seq(p, ["さんぽ", "サンポ"]),
  (_r, p) => seq(p, ["ひとり旅", "ヒトリタビ"]),
  (_r, p) => seq(["大人の", "オトナ ノ"], p),
  (_r, p) => seq(p, ["ガイド", "ガイド"]),
  (r, p, t) => seq(p, pick(r, t.words), ["めぐり", "メグリ"]),
];

/** Guidebook series, entered under their title and published by their own house. */
const guidebooks: readonly { name: Word; publisher: string; from: number }[] = [
  { name: ["るるぶ", "ルルブ"], publisher: "JTBパブリッシング", from: 1984 },
  { name: ["ことりっぷ ", "コトリップ"], publisher: "昭文社", from: 2010 },
  { name: ["まっぷる", "マップル"], publisher: "昭文社", from: 1990 },
];

function travelTitle(
  rng: Rng,
  topic: Topic,
  year: number,
): { title: Word; place: Place; publisher: string | null } {
  const place = pick(rng, places);
  const guidebook = chance(rng, 0.2) ? pick(rng, guidebooks) : null;
  if (guidebook && guidebook.from <= year) {
    return { title: seq(guidebook.name, place.word), place, publisher: guidebook.publisher };
  }
  return { title: pick(rng, travelPatterns)(rng, place.word, topic), place, publisher: null };
}

type LocalKind = {
  ndc: (area: string) => string;
  subject: (place: Place) => string;
  titles: readonly ((p: Word) => Word)[];
};

// Local studies (郷土資料), classed by the NDC area notation of the place.
const localKinds: readonly LocalKind[] = [
  {
    ndc: (a) => `21${a[0]}${a.length > 1 ? `.${a.slice(1)}` : ""}`,
    subject: (p) => `${p.prefecture}--歴史`,
    titles: [
      (p) => seq(p, ["の歴史", "ノ レキシ"]),
      (p) => seq(p, ["の歴史と文化", "ノ レキシ ト ブンカ"]),
      (p) => seq(["ふるさと", "フルサト"], p),
      (p) => seq(p, ["今昔", "コンジャク"]),
      (p) => seq(["写真で見る", "シャシン デ ミル"], p, ["の百年", "ノ ヒャクネン"]),
      (p) => seq(["図説", "ズセツ"], p, ["の歴史", "ノ レキシ"]),
    ],
  },
  {
    ndc: (a) => `388.1${a}`,
    subject: (p) => `伝説--${p.prefecture}`,
    titles: [
      (p) => seq(p, ["の民話", "ノ ミンワ"]),
      (p) => seq(p, ["の伝説", "ノ デンセツ"]),
      (p) => seq(p, ["のむかし話", "ノ ムカシバナシ"]),
    ],
  },
  {
    ndc: (a) => `818.${a}`,
    subject: (p) => `日本語--方言--${p.prefecture}`,
    titles: [(p) => seq(p, ["の方言", "ノ ホウゲン"]), (p) => seq(p, ["ことば", "コトバ"])],
  },
  {
    ndc: (a) => `386.1${a}`,
    subject: (p) => `祭礼--${p.prefecture}`,
    titles: [(p) => seq(p, ["の祭り", "ノ マツリ"]), (p) => seq(p, ["の年中行事", "ノ ネンジュウ ギョウジ"])],
  },
  {
    ndc: (a) => `462.1${a}`,
    subject: (p) => `生物--${p.prefecture}`,
    titles: [
      (p) => seq(p, ["の自然", "ノ シゼン"]),
      (p) => seq(p, ["の自然をたずねて", "ノ シゼン オ タズネテ"]),
    ],
  },
  {
    ndc: (a) => `291.${a}`,
    subject: (p) => `${p.prefecture}--地誌`,
    titles: [(p) => seq(p, ["の地名", "ノ チメイ"]), (p) => seq(p, ["の散歩道", "ノ サンポミチ"])],
  },
];

function localDraft(run: Run): Draft {
  const rng = run.rng;
  const place = pick(rng, places);
  const kind = pick(rng, localKinds);
  const { year, day: published } = publication(run, 1960);
  let title = pick(rng, kind.titles)(place.word);
  let volume: number | null = null;
  let who: { authors: Contributor[]; responsibility: string | null; initial: string };
  let publisher: string;
  const muni = place.municipality;
  if (muni && kind === localKinds[0] && chance(rng, 0.3)) {
    // A municipal history in volumes, compiled by the city's committee and published by the city.
    volume = between(rng, 1, 8);
    title = seq(glue(muni, ["史", "シ"]), [` 第${volume}巻`, volumeReading(volume)]);
    who = credits([[[body([`${muni[0]}史編さん委員会`, `${muni[1]}シ ヘンサン イインカイ`])], "編"]]);
    publisher = muni[0];
  } else if (muni && chance(rng, 0.25)) {
    who = credits([[[body([`${muni[0]}教育委員会`, `${muni[1]} キョウイク イインカイ`])], "編"]]);
    publisher = `${muni[0]}教育委員会`;
  } else {
    who = credits([[[japanesePerson(rng, POOL.local + Number(place.area))], "著"]]);
    publisher = pick(rng, regionalPublishers[place.area[0]!] ?? regionalPublishers["3"]!);
  }
  return {
    record: {
      title: title[0],
      titleReading: catalogueReading(title[1]),
      responsibility: who.responsibility,
      authors: who.authors,
      publisher,
      publicationYear: year,
      edition: null,
      series: [],
      ndc: kind.ndc(place.area),
      ndlc: null,
      subjects: [kind.subject(place)],
      notes: [],
      language: "jpn",
      extent: `${between(rng, 120, 480)}p ; ${pick(rng, [21, 22, 26, 27])}cm`,
    },
    format: "book",
    // Municipal publications often carry no ISBN.
    hasIsbn: year >= 1981 && chance(rng, publisher.endsWith("委員会") || publisher === muni?.[0] ? 0.2 : 0.9),
    initial: who.initial,
    callPrefix: "A ",
    volume,
    published,
    copies: chance(rng, 0.6) ? 1 : 2,
    atMain: 0.8,
    // One copy stays in the local-studies room.
    flags: (_r, copy) => (copy === 0 ? ["inLibraryOnly"] : []),
  };
}

function referenceDraft(run: Run): Draft {
  const rng = run.rng;
  const candidates = referenceWorks.filter((w) => w.from <= run.maxYear);
  const work: ReferenceWork = pick(rng, candidates.length > 0 ? candidates : referenceWorks);
  const { year, day: published } = publication(run, work.yearly ? Math.max(work.from, 1990) : work.from);
  let title = work.title;
  let volume: number | null = null;
  if (work.yearly) title = seq(title, [` ${year}`, numberReading(year)]);
  if (work.volumes) {
    volume = between(rng, 1, work.volumes);
    title = seq(title, [` 第${volume}巻`, volumeReading(volume)]);
  }
  const who = work.body
    ? credits([[[body(work.body)], "編"]])
    : credits([
        [Array.from({ length: between(rng, 1, 2) }, () => japanesePerson(rng, POOL.reference)), "編"],
      ]);
  return {
    record: {
      title: title[0],
      titleReading: catalogueReading(title[1]),
      responsibility: who.responsibility,
      authors: who.authors,
      publisher: publisherAsOf(work.publisher, year),
      publicationYear: year,
      edition: work.editions.length > 0 ? pick(rng, work.editions) : null,
      series: [],
      ndc: work.ndc,
      ndlc: null,
      subjects: [],
      notes: [],
      language: "jpn",
      extent: `${between(rng, work.yearly ? 600 : 900, work.yearly ? 1200 : 3200)}p ; ${pick(rng, [19, 22, 27])}cm`,
    },
    format: "book",
    hasIsbn: year >= 1981,
    // Reference works are entered under their title.
    initial: catalogueReading(title[1])[0]!,
    callPrefix: "R ",
    volume,
    published,
    copies: chance(rng, 0.85) ? 1 : 2,
    atMain: 0.7,
    flags: (r) => (chance(r, 0.9) ? ["inLibraryOnly"] : []),
  };
}

function magazineDraft(run: Run): Draft {
  const rng = run.rng;
  const magazine: Magazine = pick(rng, magazines);
  // Back issues are kept for a few years; most of what is on the shelves is recent.
  const span = Math.min(run.toDay - run.fromDay, 6 * 365);
  let issue = run.toDay - Math.floor(rng() ** 1.6 * (span + 1));
  const date = new Date(issue * DAY);
  let y = date.getUTCFullYear();
  let m = date.getUTCMonth() + 1;
  let title: Word;
  if (magazine.weekly) {
    const d = date.getUTCDate();
    title = seq(magazine.title, SPACE, [
      `${y}年${m}月${d}日号`,
      `${yearReading(y)} ${monthReading(m)} ${dayReading(d)}ゴウ`,
    ]);
  } else {
    // A monthly carries the month of its cover, and appears on the first of it here.
    issue = Date.UTC(y, m - 1, 1) / DAY;
    if (issue < run.fromDay) {
      issue = Date.UTC(y, m, 1) / DAY;
      y = new Date(issue * DAY).getUTCFullYear();
      m = new Date(issue * DAY).getUTCMonth() + 1;
    }
    title = seq(magazine.title, SPACE, [`${y}年${m}月号`, `${yearReading(y)} ${monthReading(m)}ゴウ`]);
  }
  const latest = run.toDay - issue < (magazine.weekly ? 7 : 31);
  return {
    record: {
      title: title[0],
      titleReading: catalogueReading(title[1]),
      responsibility: null,
      authors: [],
      publisher: publisherAsOf(magazine.publisher, y),
      publicationYear: y,
      edition: null,
      series: [],
      ndc: magazine.ndc,
      ndlc: null,
      subjects: [],
      notes: [],
      language: "jpn",
      extent: `${between(rng, 90, 320)}p ; ${pick(rng, [21, 26, 28, 30])}cm`,
    },
    format: magazine.weekly ? "weeklyMagazine" : "magazine",
    hasIsbn: false,
    initial: catalogueReading(magazine.title[1])[0]!,
    callPrefix: "",
    volume: null,
    published: Math.min(issue, run.toDay),
    copies: 1,
    atMain: 0.5,
    flags: () => (latest ? ["latestIssue"] : []),
  };
}

function musicDraft(run: Run): Draft {
  const rng = run.rng;
  const { year, day: published } = publication(run, 1985);
  const r = rng();
  let title: Word;
  let ndc: string;
  let subjects: string[] = [];
  let who: { authors: Contributor[]; responsibility: string; initial: string };
  if (r < 0.5) {
    const [family, given, symphonies] = pick(rng, composers);
    const composer: Person = {
      contributor: { name: `${family}, ${given}`, reading: `${family}, ${given}` },
      display: `${given}・${family}`,
      initial: family[0]!,
    };
    const conductor = japanesePerson(rng, POOL.music);
    if (chance(rng, 0.7)) {
      const n = between(rng, 1, Math.min(symphonies, 9));
      title = [`交響曲第${n}番`, `コウキョウキョク ダイ${numberReading(n)}バン`];
      subjects = ["交響曲"];
    } else {
      const kind: Word = chance(rng, 0.5)
        ? ["管弦楽曲集", "カンゲンガクキョクシュウ"]
        : ["序曲集", "ジョキョクシュウ"];
      title = seq([family, family], kind);
      subjects = ["管弦楽曲"];
    }
    ndc = "764.3";
    const c = credits([
      [[composer], "作曲"],
      [[conductor], "指揮"],
    ]);
    who = { ...c, responsibility: `${c.responsibility} ; ${pick(rng, orchestras)}` };
  } else if (r < 0.75) {
    const songs: readonly Word[] = [
      ["どうようベスト", "ドウヨウ ベスト"],
      ["こどものうた大全集", "コドモ ノ ウタ ダイゼンシュウ"],
      ["たのしいどうよう", "タノシイ ドウヨウ"],
      ["はるのうた", "ハル ノ ウタ"],
      ["なつのうた", "ナツ ノ ウタ"],
      ["あきのうた", "アキ ノ ウタ"],
      ["ふゆのうた", "フユ ノ ウタ"],
      ["てあそびうた", "テアソビウタ"],
      seq(pick(rng, childAnimals), ["のうた", "ノ ウタ"]),
    ];
    title = pick(rng, songs);
    ndc = "767.7";
    subjects = ["童謡"];
    who = credits([[[japanesePerson(rng, POOL.music + 1)], "うた"]]);
  } else {
    title = pick(rng, fictionPatterns)(rng, topics[0]!);
    ndc = "767.8";
    who = credits([[[japanesePerson(rng, POOL.music + 2)], "歌"]]);
  }
  return avDraft(run, {
    title,
    ndc,
    subjects,
    who,
    year,
    day: published,
    format: "cd",
    label: pick(rng, recordLabels),
  });
}

function filmDraft(run: Run): Draft {
  const rng = run.rng;
  const { year, day: published } = publication(run, 1998);
  const anime = chance(rng, 0.35);
  const title = anime
    ? pick(rng, childPatterns)(rng, topics[0]!)
    : pick(rng, fictionPatterns)(rng, topics[0]!);
  const who = credits([[[japanesePerson(rng, POOL.music + 3)], "監督"]]);
  return avDraft(run, {
    title,
    ndc: anime ? "778.77" : "778.21",
    subjects: [],
    who,
    year,
    day: published,
    format: "dvd",
    label: pick(rng, videoLabels),
  });
}

function avDraft(
  run: Run,
  av: {
    title: Word;
    ndc: string;
    subjects: string[];
    who: { authors: Contributor[]; responsibility: string; initial: string };
    year: number;
    day: number;
    format: "cd" | "dvd";
    label: string;
  },
): Draft {
  const rng = run.rng;
  return {
    record: {
      title: av.title[0],
      titleReading: catalogueReading(av.title[1]),
      responsibility: av.who.responsibility,
      authors: av.who.authors,
      publisher: publisherAsOf(av.label, av.year),
      publicationYear: av.year,
      edition: null,
      series: [],
      ndc: av.ndc,
      ndlc: null,
      subjects: av.subjects,
      notes: [],
      language: "jpn",
      extent: extentOf(rng, av.format, shapes.nonfiction),
    },
    format: av.format,
    hasIsbn: false,
    initial: av.who.initial,
    callPrefix: "",
    volume: null,
    published: av.day,
    copies: chance(rng, 0.9) ? 1 : 2,
    atMain: 0.5,
    flags: noFlags,
  };
}

function englishDraft(run: Run): Draft {
  const rng = run.rng;
  const { year, day: published } = publication(run, 1970);
  const author = latinPerson(rng);
  let title: string;
  let ndc = "933.7";
  let subjects: string[] = [];
  const r = rng();
  if (r < 0.5) {
    const a = pick(rng, englishAdjectives);
    const n = pick(rng, englishNouns);
    title = pick(rng, [
      `The ${a} ${n}`,
      `${n} of the ${pick(rng, englishNouns)}`,
      `A ${n} in ${pick(rng, englishPlaces)}`,
      `The ${n} and the ${pickOther(rng, englishNouns, n)}`,
      `Letters from ${pick(rng, englishPlaces)}`,
    ]);
  } else {
    const [word, subjectNdc, heading] = pick(rng, englishSubjects);
    title = pick(rng, [
      `An Introduction to Japanese ${word}`,
      `The Art of Japanese ${word}`,
      `Japanese ${word}: A Short Guide`,
      `Understanding Japanese ${word}`,
    ]);
    ndc = subjectNdc;
    subjects = [heading];
  }
  return {
    record: {
      title,
      titleReading: null,
      responsibility: `by ${author.display}`,
      authors: [author.contributor],
      publisher: pick(rng, englishPublishers),
      publicationYear: year,
      edition: chance(rng, 0.05) ? "2nd ed." : null,
      series: [],
      ndc,
      ndlc: null,
      subjects,
      notes: [],
      language: "eng",
      extent: `${between(rng, 96, 320)} p. ; ${pick(rng, [18, 21, 23])} cm`,
    },
    format: "book",
    hasIsbn: year >= 1981 && chance(rng, 0.96),
    initial: author.initial,
    callPrefix: "",
    volume: null,
    published,
    copies: 1,
    atMain: 0.6,
    flags: noFlags,
  };
}
