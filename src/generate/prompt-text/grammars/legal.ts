import type { CategoryGrammar } from '../category-grammar.js';

/** Legal questions, contract review and drafting. */
export const LEGAL_GRAMMAR: CategoryGrammar = {
  category: 'legal',
  systemShare: 0.35,
  systems: ['You are a legal research assistant. Explain the law in plain language, name the jurisdiction, and recommend consulting a licensed attorney.'],
  prompts: [
    'Is it legal to §{act} in §{jurisdiction}?',
    'Review this clause from my §{contract} and tell me if anything is unusual:\n\n"§{clause}"',
    'Draft a mutual NDA between §{company} and a freelance designer, governed by the laws of §{jurisdiction}.',
    'What are my rights as a tenant if §{tenant_issue}?',
    'My employer §{employment_issue}. Can they do that in §{jurisdiction}?',
    'Explain the difference between §{legal_pair}.',
    'What does "§{term}" mean in a contract?',
  ],
  slots: {
    act: ['record a phone call without telling the other person', 'fly a drone over a neighbour\'s house', 'break a lease early because of mould', 'sell homemade food online', 'use a song in a YouTube video for 10 seconds'],
    jurisdiction: ['California', 'Texas', 'England and Wales', 'Germany', 'Ontario', 'New South Wales', 'New York'],
    contract: ['employment contract', 'apartment lease', 'freelance agreement', 'SaaS terms of service'],
    clause: ['The Employee agrees not to engage in any business competitive with the Company anywhere in the world for a period of five (5) years following termination.', 'Tenant shall be responsible for all repairs to the premises, including structural repairs, regardless of cause.', 'Client shall own all intellectual property created by Contractor, including pre-existing tools and libraries.', 'Either party may terminate this Agreement at any time; however, fees paid are non-refundable.'],
    tenant_issue: ['my landlord won\'t return my deposit', 'the heating has been broken for three weeks', 'the landlord enters without notice', 'I\'m being evicted with only 10 days\' notice'],
    employment_issue: ['cut my hours after I asked for a raise', 'wants me to sign a non-compete after I started', 'hasn\'t paid overtime for two months', 'reads my private messages on the work laptop'],
    legal_pair: ['a will and a living trust', 'an LLC and a sole proprietorship', 'copyright and trademark', 'mediation and arbitration', 'a misdemeanor and a felony'],
    term: ['indemnification', 'force majeure', 'liquidated damages', 'severability', 'right of first refusal'],
  },
};
