import type { CategoryGrammar } from '../category-grammar.js';

/** Everyday knowledge questions, some in Chinese, Spanish or Russian. */
export const GENERAL_QA_GRAMMAR: CategoryGrammar = {
  category: 'general-qa',
  systemShare: 0.3,
  systems: ['You are a helpful assistant. Answer accurately and concisely.', 'You are ChatBot, a friendly general-purpose assistant. Today is §{weekday}.'],
  prompts: [
    'What is the difference between §{pair}?',
    'Why §{why}?',
    'Who was §{person} and why are they famous?',
    'How does §{everyday} actually work?',
    'Explain §{concept} in simple terms.',
    'Is it true that §{myth}?',
    'what\'s the capital of §{country} and what is it known for',
    '为什么§{zh_why}？',
    '¿Cuál es la diferencia entre §{pair}?',
    'Почему §{ru_why}?',
    'Give me a quick overview of the history of §{history}.',
  ],
  slots: {
    pair: ['weather and climate', 'a virus and a bacterium', 'a crocodile and an alligator', 'England, Great Britain and the United Kingdom', 'baking soda and baking powder', 'a republic and a democracy', 'latitude and longitude'],
    why: ['is the sky blue', 'do we have leap years', 'do cats purr', 'does ice float on water', 'do onions make you cry', 'is the ocean salty', 'do we yawn'],
    person: ['Ada Lovelace', 'Genghis Khan', 'Marie Curie', 'Nikola Tesla', 'Cleopatra', 'Ibn Battuta', 'Frida Kahlo', 'Alan Turing'],
    everyday: ['a microwave oven', 'GPS on my phone', 'a credit card payment', 'noise-cancelling headphones', 'a refrigerator', 'an elevator'],
    concept: ['inflation', 'the greenhouse effect', 'supply and demand', 'how vaccines train the immune system', 'time zones', 'the electoral college'],
    myth: ['we only use 10% of our brains', 'goldfish have a three-second memory', 'the Great Wall of China is visible from space', 'lightning never strikes the same place twice'],
    history: ['the Roman Empire', 'the printing press', 'the Silk Road', 'the internet', 'the Ottoman Empire', 'jazz'],
    zh_why: ['天空是蓝色的', '飞机能在天上飞', '人需要睡觉', '月亮会有阴晴圆缺'],
    ru_why: ['небо голубое', 'зимой холодно', 'кошки мурлыкают'],
  },
};
