import assert from "node:assert/strict";
import { describe, test } from "node:test";
import {
  indexTokens,
  isbnCandidate,
  normaliseForSearch,
  queryTokens,
  toTsquery,
} from "../../../src/domain/catalogue/search-text.ts";

/** Whether every token a query needs is among the index tokens of a text. */
function found(query: string, text: string): boolean {
  const index = new Set(indexTokens(text));
  const groups = queryTokens(query);
  return groups.length > 0 && groups.every((group) => group.every((token) => index.has(token)));
}

describe("normaliseForSearch", () => {
  const table: [string, string, string][] = [
    // [why, input, expected]
    ["full-width ASCII", "ＡＢＣ１２３", "abc123"],
    ["ideographic space", "ＳＱＬ　入門", "sql 入門"],
    ["lower case", "Harry POTTER", "harry potter"],
    ["katakana to hiragana", "ワガハイハネコデアル", "わがはいはねこである"],
    ["hiragana unchanged", "わがはい", "わがはい"],
    ["kanji unchanged", "吾輩は猫である", "吾輩は猫である"],
    ["half-width katakana", "ﾈｺ", "ねこ"],
    ["half-width with dakuten", "ｶﾞﾝﾀﾞﾑ", "がんだむ"],
    ["half-width with handakuten", "ﾊﾟﾝ", "ぱん"],
    ["spacing dakuten composes", "か゛", "が"],
    ["voiced marks kept", "ガッコウ", "がつこう"],
    ["voiced differs from unvoiced", "カッコウ", "かつこう"],
    ["small kana", "ショッピング", "しよつぴんぐ"],
    ["small kana, half-width", "ｼｮｯﾌﾟ", "しよつぷ"],
    ["ヵ folds to か", "一ヵ月", "一か月"],
    ["ヶ folds to け, like ケ", "霞ヶ関", "霞け関"],
    ["ヴ", "ヴァイオリン", "ゔあいおりん"],
    ["ヷ is ヴァ", "ヷイオリン", "ゔあいおりん"],
    ["long vowel dropped", "コーヒー", "こひ"],
    ["サーバー", "サーバー", "さば"],
    ["サーバ", "サーバ", "さば"],
    ["half-width long vowel", "ｻｰﾊﾞｰ", "さば"],
    ["full-width minus as long vowel", "サ－バ", "さば"],
    ["horizontal bar as long vowel", "サ―バ", "さば"],
    ["hyphen as long vowel", "サ‐バ", "さば"],
    ["full-width tilde after kana", "メ～ル", "める"],
    ["wave dash after kana", "メ〜ル", "める"],
    ["wave dash between numbers separates", "1〜3巻", "1 3巻"],
    ["iteration marks kept", "いすゞ", "いすゞ"],
    ["katakana iteration mark", "ミスヾ", "みすゞ"],
    ["kanji iteration mark", "佐々木", "佐々木"],
    ["old kanji not folded", "國語", "國語"],
    ["compatibility ideograph composed", "㈱講談社", "株 講談社"],
    ["variation selector dropped", "葛\u{E0100}城", "葛城"],
    ["non-BMP kanji kept", "𠮷野家", "𠮷野家"],
    ["middle dot", "ハリー・ポッター", "はり ぽつた"],
    ["brackets", "『坊っちゃん』（新潮文庫）", "坊つちやん 新潮文庫"],
    ["Japanese punctuation", "「こころ」、夏目漱石。", "こころ 夏目漱石"],
    ["ASCII punctuation", "Hello, world! (2nd ed.) a/b\\c_d-e", "hello world 2nd ed a b c d e"],
    ["tsquery syntax", "a&b|c!(d):*<e>'f'", "a b c d e f"],
    ["SQL quoting", "'; DROP TABLE records; --", "drop table records"],
    ["symbols", "C++ ＆ C#", "c c"],
    ["circled digit", "①", "1"],
    ["accents kept", "Café", "café"],
    ["whitespace collapsed", "  吾輩は \t\n 猫 ", "吾輩は 猫"],
    ["empty", "", ""],
    ["spaces only", "  　 \t", ""],
    ["punctuation only", "・「」『』（）", ""],
  ];
  for (const [why, input, expected] of table) {
    test(`${why}: ${JSON.stringify(input)} → ${JSON.stringify(expected)}`, () => {
      assert.equal(normaliseForSearch(input), expected);
    });
  }

  test("is idempotent", () => {
    for (const [, input] of table) {
      const once = normaliseForSearch(input);
      assert.equal(normaliseForSearch(once), once, input);
    }
  });
});

describe("indexTokens", () => {
  test("gives unigrams and bigrams of Japanese text, one run without spaces", () => {
    assert.deepEqual(indexTokens("東京物語"), ["東", "東京", "京", "京物", "物", "物語", "語"]);
  });

  test("gives the prefixes of Latin words and numbers, whole word included", () => {
    assert.deepEqual(indexTokens("Harry"), ["h", "ha", "har", "harr", "harry"]);
    assert.deepEqual(indexTokens("1Q84"), ["1", "1q", "1q8", "1q84"]);
  });

  test("gives bigrams across a script boundary", () => {
    const tokens = indexTokens("第3巻");
    for (const token of ["第3", "3", "3巻"]) assert.ok(tokens.includes(token), token);
    assert.ok(indexTokens("村上はるき").includes("上は"));
  });

  test("does not pair characters across spaces", () => {
    assert.ok(!indexTokens("猫 犬").includes("猫犬"));
  });

  test("is empty for text with nothing searchable", () => {
    assert.deepEqual(indexTokens(""), []);
    assert.deepEqual(indexTokens("・・・"), []);
  });

  test("cuts very long words to 32-character prefixes", () => {
    const tokens = indexTokens("a".repeat(100));
    assert.equal(tokens.length, 32);
    assert.ok(found("a".repeat(100), "a".repeat(100)));
  });
});

describe("queryTokens", () => {
  test("a one-character term is its own token", () => {
    assert.deepEqual(queryTokens("猫"), [["猫"]]);
    assert.deepEqual(queryTokens("a"), [["a"]]);
  });

  test("a longer Japanese term gives its bigrams, deduplicated", () => {
    assert.deepEqual(queryTokens("東京"), [["東京"]]);
    assert.deepEqual(queryTokens("吾輩は猫"), [["吾輩", "輩は", "は猫"]]);
    assert.deepEqual(queryTokens("ととと"), [["とと"]]);
  });

  test("a Latin word or number is one token", () => {
    assert.deepEqual(queryTokens("Harry Potter"), [["harry"], ["potter"]]);
    assert.deepEqual(queryTokens("２０２４"), [["2024"]]);
  });

  test("a mixed term gives its words and the bigrams around them", () => {
    assert.deepEqual(queryTokens("2024年版"), [["2024", "4年", "年版"]]);
    assert.deepEqual(queryTokens("ＡＩ時代"), [["ai", "i時", "時代"]]);
  });

  test("is normalised like the index", () => {
    assert.deepEqual(queryTokens("ＳＱＬ　ニュウモン"), [["sql"], ["にゆ", "ゆう", "うも", "もん"]]);
    assert.deepEqual(queryTokens("サーバー"), queryTokens("さば"));
  });

  test("is empty for a query with nothing searchable", () => {
    assert.deepEqual(queryTokens(""), []);
    assert.deepEqual(queryTokens("   "), []);
    assert.deepEqual(queryTokens("「」・&|!()"), []);
  });
});

describe("matching", () => {
  test("one and two kanji", () => {
    assert.ok(found("猫", "吾輩は猫である"));
    assert.ok(found("東京", "東京物語"));
    assert.ok(!found("京東", "東京物語"));
  });

  test("hiragana query against a katakana reading, and back", () => {
    assert.ok(found("わがはい", "ワガハイハネコデアル"));
    assert.ok(found("ネコ", "わがはいはねこである"));
    assert.ok(found("ｶﾞﾝﾀﾞﾑ", "機動戦士ガンダム"));
  });

  test("voiced and unvoiced kana differ", () => {
    assert.ok(!found("かつこう", "ガッコウ"));
  });

  test("long-vowel variants", () => {
    assert.ok(found("サーバ", "サーバー構築入門"));
    assert.ok(found("サーバー", "サーバ構築入門"));
    assert.ok(found("コンピューター", "コンピュータ概論"));
  });

  test("mixed scripts", () => {
    assert.ok(found("村上はるき", "村上はるき"));
    assert.ok(found("上はる", "村上はるき"));
    assert.ok(found("nhkスペシャル", "NHKスペシャル 人体"));
  });

  test("Latin words match by word prefix, not inside a word", () => {
    assert.ok(found("harry", "Harry Potter and the Philosopher's Stone"));
    assert.ok(found("harr pott", "Harry Potter and the Philosopher's Stone"));
    assert.ok(found("philosopher", "Harry Potter and the Philosopher's Stone"));
    assert.ok(!found("arry", "Harry Potter"));
    assert.ok(found("ai", "AI時代の図書館"));
    assert.ok(!found("ai", "Taiwan"));
    assert.ok(found("isbn", "ISBNの話"));
  });

  test("numbers match by prefix, not inside", () => {
    assert.ok(found("2024", "現代用語の基礎知識 2024年版"));
    assert.ok(found("2024年", "現代用語の基礎知識 2024年版"));
    assert.ok(!found("24年", "現代用語の基礎知識 2024年版"));
    assert.ok(found("第3巻", "竜馬がゆく 第3巻"));
    assert.ok(!found("第3巻", "竜馬がゆく 第30巻"));
    assert.ok(!found("3巻", "竜馬がゆく 第13巻"));
  });

  test("every term must be found", () => {
    assert.ok(found("猫 吾輩", "吾輩は猫である"));
    assert.ok(!found("猫 犬", "吾輩は猫である"));
  });
});

describe("index tokens cover every piece of a title", () => {
  const titles = [
    "吾輩は猫である",
    "東京物語",
    "ノルウェイの森",
    "1Q84 BOOK1",
    "ハリー・ポッターと賢者の石",
    "コーヒーの歴史",
    "サーバー構築入門",
    "ＳＱＬ実践入門（第２版）",
    "ｶﾞﾝﾀﾞﾑ大全",
    "銀河鉄道の夜",
    "人間失格",
    "「坊っちゃん」を読む",
    "竜馬がゆく 第3巻",
    "いすゞ自動車の百年",
    "日本の名随筆 別巻100",
    "ONE PIECE 105",
    "NHKスペシャル 人体",
    "星の王子さま",
    "『こころ』と私",
    "羅生門・鼻",
    "ウィキペディアの歩き方",
    "ヴァイオリンの基礎",
    "進撃の巨人(34)",
    "現代用語の基礎知識 2024年版",
    "やさしいPython",
    "ぐりとぐら",
    "𠮷野家の研究",
    "佐々木小次郎",
    "ジョジョの奇妙な冒険 Part5",
    "ＡＩ時代の図書館",
    "ワガハイハネコデアル",
  ];
  const wordChar = /^[\p{Script=Latin}\p{Script=Greek}\p{Script=Cyrillic}\p{Nd}]$/u;

  for (const title of titles) {
    test(title, () => {
      const index = new Set(indexTokens(title));
      for (const run of normaliseForSearch(title).split(" ")) {
        const chars = Array.from(run);
        for (let start = 0; start < chars.length; start++) {
          // Words match by prefix: a piece starting inside one is not expected to be found.
          if (start > 0 && wordChar.test(chars[start]!) && wordChar.test(chars[start - 1]!)) continue;
          for (let length = 1; length <= 4 && start + length <= chars.length; length++) {
            const piece = chars.slice(start, start + length).join("");
            const groups = queryTokens(piece);
            assert.equal(groups.length, 1, piece);
            for (const token of groups[0]!) assert.ok(index.has(token), `${piece}: ${token}`);
          }
        }
      }
    });
  }

  test("tokens are unique, non-empty letters and digits", () => {
    for (const title of titles) {
      const tokens = indexTokens(title);
      assert.equal(new Set(tokens).size, tokens.length, title);
      for (const token of tokens) assert.match(token, /^[\p{L}\p{N}]+$/u, title);
    }
  });
});

describe("toTsquery", () => {
  test("quotes every token and ANDs them", () => {
    assert.equal(toTsquery([["東京"], ["物語"]]), "'東京' & '物語'");
    assert.equal(toTsquery(queryTokens("吾輩は猫")), "'吾輩' & '輩は' & 'は猫'");
  });

  test("restricts weights", () => {
    assert.equal(toTsquery([["吾輩", "輩は"]], "A"), "'吾輩':A & '輩は':A");
    assert.equal(toTsquery([["ab"]], "AB"), "'ab':AB");
  });

  test("drops duplicates across groups", () => {
    assert.equal(toTsquery([["ab"], ["ab", "cd"]]), "'ab' & 'cd'");
  });

  test("doubles quotes and backslashes", () => {
    assert.equal(toTsquery([["it's", "a\\b"]]), "'it''s' & 'a\\\\b'");
  });

  test("is empty for no tokens", () => {
    assert.equal(toTsquery([]), "");
    assert.equal(toTsquery(queryTokens("・")), "");
  });

  test("rejects weights other than A to D", () => {
    assert.throws(() => toTsquery([["ab"]], "E"), RangeError);
    assert.throws(() => toTsquery([["ab"]], "A' | 'x"), RangeError);
    assert.throws(() => toTsquery([["ab"]], ""), RangeError);
  });
});

describe("isbnCandidate", () => {
  const table: [string, string | null][] = [
    ["978-4-10-101001-4", "9784101010014"],
    // The checksum is the caller's business (isbn3): a wrong check digit is still a candidate.
    ["978-4-10-101001-5", "9784101010015"],
    ["9784101010014", "9784101010014"],
    ["978 4 10 101001 4", "9784101010014"],
    ["９７８－４－１０－１０１００１－４", "9784101010014"],
    ["4101010013", "4101010013"],
    ["4-10-101001-3", "4101010013"],
    ["4-10-101001-x", "410101001X"],
    ["isbn 9784101010014", "9784101010014"],
    ["ISBN978-4-10-101001-4", "9784101010014"],
    ["ISBN-13: 978-4-10-101001-4", "9784101010014"],
    ["ISBN-10 4-10-101001-3", "4101010013"],
    ["isbn 1013456789", "1013456789"],
    ["  4101010013  ", "4101010013"],
    ["", null],
    ["吾輩は猫である", null],
    ["12345", null],
    ["978410101001", null],
    ["97841010100145", null],
    ["1234567890123", null],
    ["X101010013", null],
    ["4101010013 吾輩", null],
    ["4/10/101001/3", null],
  ];
  for (const [input, expected] of table) {
    test(`${JSON.stringify(input)} → ${JSON.stringify(expected)}`, () => {
      assert.equal(isbnCandidate(input), expected);
    });
  }
});
