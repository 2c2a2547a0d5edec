import type { CategoryGrammar } from '../category-grammar.js';

/** Everything else: cooking, sports, travel, pets, gardening, relationships, home. */
export const OTHERS_GRAMMAR: CategoryGrammar = {
  category: 'others',
  systemShare: 0.2,
  systems: ['You are a friendly assistant.'],
  prompts: [
    'Give me a recipe for §{dish} using §{ingredient}. I have about §{minutes} minutes.',
    'Plan a §{small_number}-day trip to §{city} on a budget. I like §{interest}.',
    'Who do you think will win §{match}? Give me your prediction and why.',
    'My §{pet} keeps §{pet_issue}. What should I do?',
    'How often should I water a §{plant}, and does it need direct sunlight?',
    'How do I §{diy}?',
    '§{relationship}',
    'What can I cook tonight with §{ingredient}, §{ingredient} and rice? 🍳',
    '周末去§{cn_place}玩两天，有什么推荐的行程吗？',
    'What should I pack for §{trip}?',
  ],
  slots: {
    dish: ['a quick weeknight curry', 'vegan lasagna', 'banana bread', 'ramen from scratch', 'a Spanish tortilla', 'shakshuka'],
    ingredient: ['chickpeas', 'leftover chicken', 'spinach', 'tofu', 'sweet potatoes', 'eggs', 'halloumi'],
    minutes: ['20', '30', '45', '60'],
    interest: ['street food and markets', 'museums', 'hiking', 'nightlife', 'architecture'],
    match: ['the Champions League final', 'the NBA Finals', 'Wimbledon this year', 'the next El Clásico', 'the Super Bowl', 'the Tour de France'],
    pet: ['cat', 'dog', 'rabbit', 'parrot', 'puppy'],
    pet_issue: ['scratching the sofa', 'barking at night', 'not eating its food', 'peeing outside the litter box', 'pulling on the leash'],
    plant: ['monstera', 'snake plant', 'fiddle leaf fig', 'basil plant', 'orchid'],
    diy: ['fix a leaking kitchen faucet', 'get rid of mould in the bathroom', 'hang a heavy mirror on drywall', 'remove a stripped screw', 'unclog a drain without chemicals'],
    relationship: ['My best friend hasn\'t replied to my messages in two weeks. Should I say something?', 'how do i tell my roommate they need to clean more without starting a fight', 'What are good conversation starters for a first date?', 'My partner and I keep arguing about chores. Any advice?'],
    cn_place: ['杭州', '成都', '苏州', '厦门'],
    trip: ['a week of hiking in §{country}', 'a winter weekend in §{city}', 'a beach holiday with a toddler'],
  },
};
