import type { CategoryGrammar } from '../category-grammar.js';

/** University-level research writing: theses, abstracts, reviews, references. */
export const ACADEMIA_GRAMMAR: CategoryGrammar = {
  category: 'academia',
  systemShare: 0.3,
  systems: ['You are an academic writing advisor for graduate students. Use formal register and cite sources in APA 7.'],
  prompts: [
    'Help me write the literature review section of my master\'s thesis on §{field_topic}. Suggest a structure and key debates.',
    'Rewrite this abstract for submission to §{venue}, max 250 words:\n\n§{abstract}',
    'Suggest a research methodology for my PhD project on §{field_topic}. Qualitative or mixed methods?',
    'Reviewer 2 says: "§{review}" How should I respond in the rebuttal letter?',
    'Format these references in APA 7th edition:\n§{refs}',
    'I\'m preparing my dissertation defense on §{field_topic}. What questions will the committee likely ask?',
    'Write a research proposal outline for a grant on §{field_topic}, including aims, significance and timeline.',
  ],
  slots: {
    field_topic: ['remote work and employee well-being', 'microplastics in freshwater ecosystems', 'language models in undergraduate writing instruction', 'urban heat islands', 'migration and labour markets in the EU', 'gut microbiome and depression'],
    venue: ['a Nature family journal', 'ACL', 'an APA journal', 'a sociology conference', 'IEEE Transactions'],
    abstract: ['This study investigates the relationship between remote work arrangements and self-reported well-being among 1,204 knowledge workers across four countries. Using a mixed-methods design combining survey data and semi-structured interviews, we find that flexibility is associated with higher autonomy but also with blurred work-life boundaries. Implications for organisational policy are discussed.', 'We present a longitudinal analysis of microplastic concentrations in three river basins over five years. Sampling at 48 sites revealed seasonal variation and a strong association with upstream wastewater treatment capacity.'],
    review: ['The sample size is too small to support the generalisations made in the discussion.', 'The authors do not engage with the most relevant recent literature.', 'The novelty of the contribution relative to prior work is unclear.'],
    refs: ['smith j, lee k (2021) remote work and wellbeing. journal of org psych 12(3) 44-61\nGarcia, M. 2019. Urban heat. Springer.', 'Doe, J. et al, "Microplastics in rivers", Env Sci Tech, vol 55, 2021, pp. 101-119'],
  },
};
