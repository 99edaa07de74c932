/** HTTP status and wording of the error codes of internet-terminal bookings. */
export const terminalErrors: Record<string, { status: number; ja: string; en: string }> = {
  NO_TERMINALS_AT_SERVICE_POINT: {
    status: 409,
    ja: "この館にはインターネット検索用端末がありません。",
    en: "This service point has no internet terminals.",
  },
  TERMINAL_NOT_FOUND: {
    status: 404,
    ja: "その番号の端末はありません。",
    en: "No terminal with that number.",
  },
  SERVICE_POINT_CLOSED_THAT_DAY: {
    status: 409,
    ja: "その日は休館日のため、端末の予約はできません。",
    en: "The library is closed that day; terminals cannot be booked.",
  },
  TERMINAL_SLOT_OUTSIDE_HOURS: {
    status: 409,
    ja: "開館時間内の予約枠(details.slots)から選んでください。",
    en: "Choose one of the day's slots within opening hours (details.slots).",
  },
  TERMINAL_SLOT_PAST: {
    status: 409,
    ja: "その時間はすでに過ぎています。",
    en: "That time has already passed.",
  },
  TERMINAL_BOOKING_LIMIT_REACHED: {
    status: 409,
    ja: "端末の予約は1人につき同時にできる件数(details.limit)が決まっています。今の予約が終わってから、またはそれを取り消してから予約してください。",
    en: "You may hold only so many terminal bookings at a time (details.limit); wait for the current one to end or cancel it.",
  },
  TERMINAL_SLOT_TAKEN: {
    status: 409,
    ja: "その時間の端末はすでに予約されています。別の時間を選んでください。",
    en: "That slot is already booked; choose another time.",
  },
  TERMINAL_BOOKING_NOT_FOUND: {
    status: 404,
    ja: "その端末予約はありません。",
    en: "No such terminal booking.",
  },
};
