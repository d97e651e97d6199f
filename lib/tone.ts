/** The badge tones a status label may carry (components/ui/card.tsx `Badge`). */
export type Tone = "slate" | "green" | "amber" | "red" | "blue";
