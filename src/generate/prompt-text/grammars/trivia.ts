import type { CategoryGrammar } from '../category-grammar.js';

/** Quiz questions, fun facts, pub-quiz practice. */
export const TRIVIA_GRAMMAR: CategoryGrammar = {
  category: 'trivia',
  systemShare: 0.25,
  systems: ['You are a quiz master. Ask one question at a time, wait for the answer, and keep score.'],
  prompts: [
    'Quiz me: §{small_number} trivia questions about §{trivia_topic}, multiple choice, reveal answers at the end.',
    'Fun fact about §{fun}?',
    'True or false: §{tf}',
    'What year did §{event} happen?',
    'Which §{superlative}?',
    'Give me a hard pub quiz round on §{trivia_topic} 🍻',
    'Name all the §{list}.',
  ],
  slots: {
    trivia_topic: ['90s movies', 'world capitals', 'the Olympics', 'Harry Potter', 'space exploration', 'famous paintings', 'Pokémon', 'national flags'],
    fun: ['octopuses', 'the Eiffel Tower', 'honey', 'the Moon', 'bananas', 'Antarctica'],
    tf: ['a day on Venus is longer than its year', 'the Great Fire of London happened in 1666', 'sharks are older than trees', 'Australia is wider than the Moon'],
    event: ['the fall of the Berlin Wall', 'the first Moon landing', 'the Titanic sink', 'the first FIFA World Cup take place', 'the first iPhone come out'],
    superlative: ['country has the most time zones', 'planet has the most moons', 'is the smallest country in the world', 'animal has the longest lifespan', 'river is the longest in Europe'],
    list: ['planets in order from the Sun', 'noble gases', 'countries that border Germany', 'members of the Beatles', 'Seven Wonders of the Ancient World'],
  },
};
