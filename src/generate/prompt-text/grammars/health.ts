import type { CategoryGrammar } from '../category-grammar.js';

/** Symptoms, medication, nutrition and fitness-for-health questions. */
export const HEALTH_GRAMMAR: CategoryGrammar = {
  category: 'health',
  systemShare: 0.3,
  systems: ['You are a careful medical information assistant. You do not diagnose; you explain possibilities and say when to see a doctor.'],
  prompts: [
    'I\'ve had §{symptom} for §{duration}. Should I be worried? I\'m §{age} years old.',
    'What are the common side effects of §{drug}, and can I take it with §{drug}?',
    'Make me a 7-day meal plan for someone with §{condition}.',
    'My blood test says §{lab}. What does that mean?',
    'How much §{nutrient} should an adult get per day, and which foods have the most?',
    'What are early signs of §{condition} and how is it diagnosed?',
    'Is it normal to feel §{feeling} after starting §{drug}?',
  ],
  slots: {
    symptom: ['a dull headache behind my eyes', 'lower back pain when I sit', 'a dry cough', 'heart palpitations at night', 'ringing in my ears', 'stomach cramps after eating', 'numbness in two fingers'],
    duration: ['three days', 'two weeks', 'about a month', 'since yesterday'],
    age: ['24', '31', '45', '58', '67'],
    drug: ['ibuprofen', 'sertraline', 'metformin', 'lisinopril', 'amoxicillin', 'melatonin', 'levothyroxine'],
    condition: ['type 2 diabetes', 'high blood pressure', 'IBS', 'iron-deficiency anemia', 'celiac disease', 'high cholesterol', 'hypothyroidism'],
    lab: ['LDL 162 mg/dL and HDL 38', 'TSH 6.1 mIU/L', 'ferritin 9 ng/mL', 'HbA1c 6.2%', 'ALT slightly elevated'],
    nutrient: ['protein', 'vitamin D', 'fiber', 'magnesium', 'omega-3'],
    feeling: ['tired all the time', 'nauseous in the morning', 'dizzy when standing up', 'more anxious'],
  },
};
