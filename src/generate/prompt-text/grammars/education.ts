import type { CategoryGrammar } from '../category-grammar.js';

/** School work and teaching: homework, explanations for kids, quizzes, lesson plans. */
export const EDUCATION_GRAMMAR: CategoryGrammar = {
  category: 'education',
  systemShare: 0.35,
  systems: ['You are a patient tutor. Guide the student step by step and do not just give the final answer.', 'You are a teaching assistant for a middle school class.'],
  prompts: [
    'Help me with my homework: §{math}. Please show the steps.',
    'Explain §{school_topic} like I\'m in §{grade}.',
    'I have a test on §{school_topic} tomorrow 😭 make me §{small_number} flashcards',
    'Write a lesson plan for a 45-minute §{subject} class for §{grade} on §{school_topic}, with an activity and an exit ticket.',
    'Check my answer: §{math}. I got §{small_number}. Is that right?',
    'Can you make a practice quiz with §{small_number} multiple choice questions about §{school_topic}?',
    'My §{grade} kid is struggling with §{school_topic}. How can I help them at home?',
    'question 4 on my worksheet says: "§{worksheet}" i dont get it',
  ],
  slots: {
    math: ['solve for x: 3x + 7 = 22', 'find the area of a triangle with base 8 cm and height 5 cm', 'simplify (2x^2 - 8) / (x - 2)', 'a train travels 240 km in 3 hours, what is its average speed', 'what is 3/4 divided by 2/5', 'factor x^2 + 5x + 6'],
    school_topic: ['photosynthesis', 'fractions', 'the water cycle', 'the causes of World War I', 'plate tectonics', 'the parts of a cell', 'long division', 'the French Revolution', 'Newton\'s laws', 'verb tenses in English'],
    subject: ['science', 'math', 'history', 'English', 'geography'],
    grade: ['5th grade', 'middle school', 'year 9', 'high school', '3rd grade'],
    worksheet: ['Explain how the author uses imagery in paragraph 2', 'Describe two ways humans affect the carbon cycle', 'Why did the colonists object to the Stamp Act?', 'Compare the properties of metals and non-metals'],
  },
};
