import type { CategoryGrammar } from '../category-grammar.js';

/** Work writing: emails, summaries of notes, rewrites, plans. */
export const PRODUCTIVITY_GRAMMAR: CategoryGrammar = {
  category: 'productivity',
  systemShare: 0.35,
  systems: ['You are an executive assistant. Write clearly, keep a professional tone, and be brief.', 'You help the user write and edit business documents.'],
  prompts: [
    'Write a polite email to §{recipient} §{email_goal}. Keep it short and professional.',
    'Summarize these meeting notes into key decisions and action items with owners:\n\n§{notes}',
    'Rewrite this to sound more professional but still friendly:\n\n"§{casual}"',
    'Proofread and fix grammar, don\'t change the meaning:\n\n§{draft}',
    'Make me a weekly plan. I work §{hours} and need to fit in §{commitments}.',
    'Turn this into 5 bullet points for a slide:\n\n§{draft}',
    'Draft a reply to this customer complaint, apologise and offer a refund:\n\n"§{complaint}"',
    'Write a one-page project status update for §{company}: §{status}',
  ],
  slots: {
    recipient: ['my manager', 'a client', 'the HR team', 'my landlord', 'a vendor', 'my professor', 'the whole team'],
    email_goal: ['asking to move our 1:1 to §{weekday}', 'following up on an unpaid invoice from last month', 'declining a meeting invitation', 'requesting two days off next week', 'introducing our new project lead §{first_name} §{last_name}', 'asking for an extension on the report deadline'],
    notes: [
      'sync w/ design + eng, §{weekday}\n- launch slipping ~1 wk, blocked on payments API (§{first_name} chasing vendor)\n- QA found 14 bugs, 3 critical (checkout crash on iOS 17)\n- marketing wants screenshots by Fri -> §{first_name} to send\n- budget: need approval for 2 extra contractors, §{first_name} to ask finance\n- next sync Thurs',
      'Q3 planning\n* revenue target 2.4M, currently at 1.9M run-rate\n* churn up in SMB segment, maybe pricing? need data\n* hire 2 AEs in EMEA\n* §{first_name}: renewals playbook by end of month\n* open question: do we keep the free tier?',
    ],
    casual: ['hey, just checking if u saw my msg about the contract, we kinda need it signed asap', 'sorry i missed the meeting, my internet died lol, can someone send notes', 'the numbers look off to me, did someone mess up the spreadsheet?'],
    draft: ['Our team have been working hard on the new onboarding flow, it reduce the time to first value by 30% and customers says they like it more then the old one. We will roll it out to everyone next month after we fixes the remaining issues.', 'This quarter we focused on three things: reliability, speed of delivery and customer feedback. Uptime was 99.95%, we shipped 42 features, and NPS went from 31 to 38.'],
    hours: ['9 to 5 on weekdays', 'night shifts Thursday to Sunday', 'part-time, mornings only'],
    commitments: ['gym three times, language classes, and a side project', 'picking up my kids at 3pm and studying for an exam', 'meal prep, running, and reading'],
    complaint: ['My order arrived two weeks late and the box was damaged. This is the second time this happens.', 'I was charged twice for my subscription this month and nobody answers the support chat.'],
    status: ['migration 80% done, two blockers, on budget', 'launch moved to next quarter, hiring on track', 'pilot with 3 customers went well, asking for more seats'],
  },
};
