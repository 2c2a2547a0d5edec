import type { CategoryGrammar } from '../category-grammar.js';

/** Copywriting, campaigns, social posts, go-to-market plans. */
export const MARKETING_GRAMMAR: CategoryGrammar = {
  category: 'marketing',
  systemShare: 0.35,
  systems: ['You are a senior brand copywriter. Write punchy, benefit-led copy in the brand\'s voice.'],
  prompts: [
    'Write §{small_number} Instagram captions for the launch of §{product}. Fun tone, include emojis 🚀✨',
    'Create a marketing strategy for §{product} targeting §{audience}. Include channels, budget split and KPIs.',
    'Write a product description for §{product}, max 120 words, highlight §{benefit}.',
    'Draft a cold outreach email for §{company}, a SaaS that §{saas}. Target: §{audience}.',
    'Give me 10 Google Ads headlines (max 30 chars) for §{product}.',
    'Plan a 4-week email nurture campaign for free-trial users of §{company}.',
    'Come up with a tagline and a brand story for §{product}.',
    'Write a LinkedIn post announcing that §{company} §{news}.',
  ],
  slots: {
    product: ['a reusable coffee cup made from bamboo', 'an AI note-taking app', 'a vegan protein bar', 'noise-cancelling earbuds for kids', 'a subscription box for houseplants', 'a language-learning podcast', 'handmade ceramic mugs'],
    audience: ['Gen Z students', 'busy parents', 'small business owners', 'HR managers at mid-size companies', 'fitness enthusiasts', 'remote developers'],
    benefit: ['sustainability', 'battery life', 'price', 'ease of use', 'taste'],
    saas: ['automates invoice reminders', 'schedules social posts', 'tracks employee onboarding', 'monitors website uptime'],
    news: ['raised a Series A', 'launched in §{country}', 'hit 10,000 customers', 'is hiring'],
  },
};
