import type { CategoryGrammar } from '../category-grammar.js';

/** Stories, poems, story continuation, worldbuilding help. */
export const CREATIVE_WRITING_GRAMMAR: CategoryGrammar = {
  category: 'creative-writing',
  systemShare: 0.3,
  systems: ['You are a novelist and writing coach. Write vivid prose with concrete details and avoid clichés.', 'You are a poet. Favour imagery over abstraction.'],
  prompts: [
    'Write a short story (about 800 words) about §{premise}. §{style_note}',
    'Write a poem about §{theme} in the style of §{poet}.',
    'Continue this story:\n\n§{opening}',
    'Give me §{small_number} name ideas for §{naming}.',
    'I\'m writing a §{genre} novel. Help me outline chapter §{small_number}: §{chapter}',
    'Write a haiku sequence about §{theme}.',
    'Rewrite this paragraph of my novel to show, not tell:\n\n"§{telling}"',
    'write me a bedtime story for my §{age}-year-old about §{kid_premise} ✨',
  ],
  slots: {
    premise: ['a lighthouse keeper who receives letters from the future', 'a city where it has not rained for a hundred years', 'two rival bakers forced to share a kitchen', 'the last bookstore on Mars', 'a detective who can hear the memories of objects'],
    style_note: ['Make the ending bittersweet.', 'First person, present tense.', 'Keep it under 500 words.', 'Make it funny.', ''],
    theme: ['autumn in a small town', 'losing a parent', 'the sea at night', 'first love', 'city lights from a night train', 'growing old'],
    poet: ['Mary Oliver', 'Pablo Neruda', 'Emily Dickinson', 'Langston Hughes', 'Rumi', 'Wisława Szymborska'],
    opening: ['The letter arrived on a Tuesday, which was strange, because the post office in Alder Creek had been closed for eleven years.', 'Nobody in the village talked about the door in the hill, least of all my grandmother, who kept its key on a string around her neck.', 'The spaceship\'s AI woke me three hundred years too early and said, very calmly, that we had a problem.'],
    naming: ['a fantasy kingdom by the sea', 'a cozy café run by a witch', 'a villain who controls shadows', 'a spaceship in a space opera', 'a tavern in a mountain pass'],
    genre: ['fantasy', 'mystery', 'science fiction', 'romance', 'literary', 'horror'],
    chapter: ['the heroine discovers her mentor betrayed her', 'the crew lands on the ice moon', 'the detective finds the second body', 'the two leads finally meet'],
    telling: ['Sarah was very sad that her dog died. She felt lonely and cried a lot.', 'The house was scary and old. John was afraid to go inside.'],
    age: ['4', '5', '6', '7'],
    kid_premise: ['a dragon who is afraid of the dark', 'a penguin who wants to fly', 'a robot who learns to garden', 'a cloud that wants to be a rainbow'],
  },
};
