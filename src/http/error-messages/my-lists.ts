/** HTTP status and wording of the error codes of the patron's lists (favourites, My bookshelf, read later). */
export const myListsErrors: Record<string, { status: number; ja: string; en: string }> = {
  LIST_NOT_OFFERED: {
    status: 404,
    ja: "この図書館では、そのリストはご利用いただけません。",
    en: "This library does not offer that list.",
  },
  LIST_COMMENT_TOO_LONG: {
    status: 422,
    ja: "コメントは400文字以内で入力してください。",
    en: "Comments can be 400 characters at most.",
  },
  LIST_COMMENT_NOT_ON_BOOKSHELF: {
    status: 422,
    ja: "コメントはMy本棚の本にだけ付けられます。",
    en: "Only books on My bookshelf can have a comment.",
  },
  LIST_FULL: {
    status: 409,
    ja: "このリストはいっぱいです(2,000冊まで)。不要な本を外してから追加してください。",
    en: "This list is full (2,000 books). Remove some before adding more.",
  },
  LIST_ENTRY_NOT_FOUND: {
    status: 404,
    ja: "その本はこのリストにありません。",
    en: "That book is not on this list.",
  },
};
