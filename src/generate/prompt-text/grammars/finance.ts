import type { CategoryGrammar } from '../category-grammar.js';

/** Personal finance, investing, company analysis and financial maths. */
export const FINANCE_GRAMMAR: CategoryGrammar = {
  category: 'finance',
  systemShare: 0.3,
  systems: ['You are a financial analyst. Be precise with numbers and note that this is not personalised investment advice.'],
  prompts: [
    'Should I pay off my §{debt} or invest in §{asset}? I have $§{amount} saved.',
    'Explain §{instrument} and its risks.',
    'Calculate: $§{amount} invested at §{rate}% per year, compounded monthly, for §{small_number} years.',
    'Analyse these results for §{company}: revenue $§{amount}M (+§{rate}% YoY), gross margin 61%, operating cash flow negative for the second quarter. Is this a red flag?',
    'How should I split my portfolio between §{asset} and §{asset} at age §{age}?',
    'Build a simple monthly budget for a take-home pay of $§{amount}.',
    'What is the difference between a Roth IRA and a traditional IRA?',
    'Walk me through a DCF valuation for a SaaS company growing §{rate}% a year.',
  ],
  slots: {
    debt: ['student loans at 5.5%', 'car loan at 7%', 'credit card balance at 24% APR', 'mortgage at 3.1%'],
    asset: ['an S&P 500 index fund', 'bonds', 'Bitcoin', 'a high-yield savings account', 'dividend stocks', 'international ETFs', 'real estate'],
    instrument: ['an ETF', 'covered calls', 'a bond ladder', 'short selling', 'dollar-cost averaging', 'stablecoins', 'an annuity'],
    amount: ['5,000', '12,000', '40,000', '150', '3,200', '85'],
    rate: ['4', '7', '12', '18', '35'],
    age: ['25', '35', '48', '60'],
  },
};
