/** Slot fillers every category grammar may use (names, places, languages, small numbers). */
export const SHARED_SLOTS: Readonly<Record<string, readonly string[]>> = {
  first_name: ['Maya', 'Daniel', 'Priya', 'Lukas', 'Sofia', 'Kenji', 'Amara', 'Mateo', 'Olga', 'Wei', 'Fatima', 'Jonas', 'Chloé', 'Tomás', 'Aisha', 'Noah', 'Min-jun', 'Elena', 'Raj', 'Hannah'],
  last_name: ['Okafor', 'Schmidt', 'Tanaka', 'García', 'Kowalski', 'Nguyen', 'Patel', 'Johansson', 'Rossi', 'Chen', 'Dubois', 'Ivanova', 'Murphy', 'Silva', 'Kim', 'Haddad'],
  city: ['Lisbon', 'Kyoto', 'Mexico City', 'Berlin', 'Singapore', 'Nairobi', 'Toronto', 'Buenos Aires', 'Seoul', 'Istanbul', 'Melbourne', 'Prague', 'Marrakesh', 'Vancouver', 'Hanoi', 'Reykjavík'],
  country: ['Portugal', 'Japan', 'Mexico', 'Germany', 'Kenya', 'Canada', 'Argentina', 'South Korea', 'Turkey', 'Australia', 'Vietnam', 'Iceland', 'Brazil', 'India', 'Poland'],
  company: ['Northwind Labs', 'Bluefin Analytics', 'Acme Logistics', 'Helio Health', 'Papercraft Studio', 'Greenleaf Foods', 'Orbital Freight', 'Kestrel Security', 'Lumen Learning', 'Fjord Outdoor'],
  weekday: ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday'],
  small_number: ['3', '5', '7', '10', '12', '15', '20'],
  year: ['1969', '1989', '1776', '1914', '2008', '1492', '1945', '1066', '1815', '1999'],
  emoji: ['🙏', '😅', '🚀', '✨', '😊', '🔥', '💡', '🤔', '😭', '👍', '❤️', '🎉'],
};

/** Generic earlier assistant turns, for multi-turn chats of categories without their own. */
export const GENERIC_REPLIES: readonly string[] = [
  'Sure! Could you tell me a bit more about what you need so I can tailor the answer?',
  'Here is a first pass. Let me know which parts you would like me to expand or change.',
  'Good question. In short: it depends on your constraints, but the most common approach is outlined below.',
  'I have made the changes you asked for. Anything else you would like me to adjust?',
  'Thanks for the details, that helps. Here is what I would suggest as a next step.',
];

/** Short remarks a user puts before a follow-up request in a multi-turn chat. */
export const GENERIC_OPENERS: readonly string[] = [
  'ok thanks!', 'One more thing.', 'Great, that worked.', 'hmm not quite. New question:', 'Thanks. Next:', 'perfect 👍 now', 'Also,',
];
