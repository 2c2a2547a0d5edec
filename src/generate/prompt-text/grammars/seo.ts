import type { CategoryGrammar } from '../category-grammar.js';

/** Search engine optimisation: keywords, meta tags, SEO articles, ranking advice. */
export const SEO_GRAMMAR: CategoryGrammar = {
  category: 'seo',
  systemShare: 0.3,
  systems: ['You are an SEO specialist. Optimise for search intent, use the target keyword naturally, and follow Google\'s helpful content guidelines.'],
  prompts: [
    'Write an SEO-optimized blog post of 1,500 words about §{topic}, targeting the keyword "§{keyword}". Include H2/H3 headings, an FAQ section and a meta description.',
    'Generate a meta title (max 60 chars) and meta description (max 155 chars) for a page about §{topic}.',
    'Give me 20 long-tail keywords for §{niche} with search intent for each.',
    'My site §{site} dropped from page 1 to page 3 for "§{keyword}" after the core update. What should I check?',
    'Write schema.org JSON-LD markup for a §{schema}.',
    'Do a keyword cluster for a §{niche} website and suggest a content calendar.',
    'Rewrite this product page text to rank for "§{keyword}" without keyword stuffing: §{page_text}',
  ],
  slots: {
    topic: ['best hiking boots for beginners', 'how to start a vegetable garden', 'remote work productivity tips', 'the best budget 4K monitors', 'how to clean a cast iron pan'],
    keyword: ['best hiking boots', 'vegetable garden for beginners', 'cheap 4k monitor', 'plumber near me', 'vegan meal prep', 'wordpress hosting'],
    niche: ['a local plumbing business', 'a vegan recipe blog', 'a B2B cybersecurity firm', 'a travel blog about §{country}', 'an online furniture store'],
    site: ['greenthumbguide.com', 'bestbootsreview.net', 'mycityplumbing.co.uk'],
    schema: ['local business with opening hours', 'recipe', 'product with reviews', 'FAQ page', 'event'],
    page_text: ['Our boots are good boots. Buy boots here. Best boots for hiking and walking, boots for men and women.', 'We sell furniture. Sofas, chairs and tables at low prices. Free delivery.'],
  },
};
