import type { CategoryGrammar } from '../category-grammar.js';

/** Using software and hardware: devices, setup, troubleshooting, IT, cloud products. */
export const TECHNOLOGY_GRAMMAR: CategoryGrammar = {
  category: 'technology',
  systemShare: 0.3,
  systems: ['You are an IT support specialist. Give numbered steps and say which settings menu to open.'],
  prompts: [
    'My §{device} §{symptom}. I already tried restarting it. What else can I do?',
    'Which is better for §{use}: §{choice}?',
    'How do I set up §{setup} on §{os}?',
    'Explain what §{tech} is and whether a small business needs it.',
    'Is §{spec_question}?',
    'Compare §{cloud} for hosting a small web app with a Postgres database. Consider price and ease of use.',
    'My Wi-Fi keeps dropping every few minutes on §{os} but my phone is fine. Router: §{router}.',
    'What laptop should I buy for §{use} under $§{budget}?',
  ],
  slots: {
    device: ['laptop', 'iPhone', 'Android phone', 'gaming PC', 'smart TV', 'printer', 'MacBook', 'external SSD'],
    symptom: ['gets really hot and the fan is loud', 'won\'t connect to Bluetooth headphones', 'drains the battery in a few hours', 'shows a blue screen with CRITICAL_PROCESS_DIED', 'is stuck on the boot logo', 'is not detected over USB-C'],
    use: ['video editing', 'college and note-taking', 'gaming at 1440p', 'running local LLMs', 'photo editing', 'a home media server'],
    choice: ['an M3 MacBook Air or a Dell XPS 14', 'an RTX 4070 or an RX 7800 XT', 'a NAS or cloud storage', 'Windows 11 or Ubuntu'],
    setup: ['a VPN with WireGuard', 'Docker Desktop', 'dual boot with Linux', 'two-factor authentication for Microsoft 365', 'a Plex server', 'Time Machine backups to a NAS'],
    os: ['Windows 11', 'macOS Sonoma', 'Ubuntu 24.04', 'a Raspberry Pi 5', 'ChromeOS'],
    tech: ['zero-trust networking', 'a CDN', 'SSO with SAML', 'Kubernetes', 'an MDM solution', 'edge computing', 'passkeys'],
    spec_question: ['16 GB of RAM enough for Photoshop and Chrome with 50 tabs', 'Wi-Fi 7 worth it in 2025', 'it safe to leave my laptop plugged in all the time', 'a 650W power supply enough for an RTX 4070'],
    cloud: ['AWS, Google Cloud, and Azure', 'Vercel, Render, and Fly.io', 'Hetzner and DigitalOcean'],
    router: ['TP-Link Archer AX55', 'Netgear Nighthawk', 'ASUS RT-AX58U', 'ISP-provided modem'],
    budget: ['800', '1000', '1500', '600'],
  },
};
