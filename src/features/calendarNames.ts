const byNumber = (names: readonly string[]): Record<string, string> =>
  Object.fromEntries(names.map((name, i) => [String(i + 1), name]));

/** Month names keyed "1" to "12", per language. */
export const monthNames = {
  en: byNumber([
    'January',
    'February',
    'March',
    'April',
    'May',
    'June',
    'July',
    'August',
    'September',
    'October',
    'November',
    'December',
  ]),
  nl: byNumber([
    'januari',
    'februari',
    'maart',
    'april',
    'mei',
    'juni',
    'juli',
    'augustus',
    'september',
    'oktober',
    'november',
    'december',
  ]),
};

/** ISO weekday names keyed "1" (Monday) to "7", per language. */
export const weekdayNames = {
  en: byNumber(['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday']),
  nl: byNumber(['maandag', 'dinsdag', 'woensdag', 'donderdag', 'vrijdag', 'zaterdag', 'zondag']),
};
