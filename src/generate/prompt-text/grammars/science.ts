import type { CategoryGrammar } from '../category-grammar.js';

/** Physics, chemistry, biology, astronomy and machine-learning questions. */
export const SCIENCE_GRAMMAR: CategoryGrammar = {
  category: 'science',
  systemShare: 0.25,
  systems: ['You are a physics and chemistry professor. Use equations where they help and state your assumptions.'],
  prompts: [
    'Explain §{phenomenon}. Include the key equations.',
    'Derive §{derivation} step by step.',
    'Calculate §{calc}. Show your work and units.',
    'What is the mechanism of §{reaction}?',
    'How does §{ml} work in a transformer-based language model? Compare it with §{ml}.',
    'What is the current scientific consensus on §{open_question}?',
    'Balance this chemical equation and name the reaction type: §{equation}',
    'Why does §{phenomenon} happen, and how was it first discovered?',
  ],
  slots: {
    phenomenon: ['quantum entanglement', 'the photoelectric effect', 'gravitational lensing', 'superconductivity', 'CRISPR gene editing', 'the Doppler effect', 'protein folding', 'black hole evaporation through Hawking radiation'],
    derivation: ['the Schwarzschild radius from escape velocity', 'the ideal gas law from kinetic theory', 'the time dilation formula from the Lorentz transformation', 'the Michaelis–Menten equation'],
    calc: ['the pH of a 0.01 M acetic acid solution (Ka = 1.8e-5)', 'the orbital period of a satellite 400 km above Earth', 'the energy of a photon with wavelength 500 nm', 'the half-life of a sample that decays to 12.5% in 30 days'],
    reaction: ['SN2 nucleophilic substitution', 'the Krebs cycle', 'aldol condensation', 'ATP synthase', 'the Haber process'],
    ml: ['self-attention', 'rotary position embeddings', 'mixture-of-experts routing', 'KV caching', 'layer normalization', 'RLHF', 'speculative decoding'],
    open_question: ['dark matter', 'the origin of life', 'the Hubble tension', 'the health effects of intermittent fasting', 'room-temperature superconductors'],
    equation: ['Fe + O2 -> Fe2O3', 'C3H8 + O2 -> CO2 + H2O', 'Al + HCl -> AlCl3 + H2', 'KClO3 -> KCl + O2'],
  },
};
