/**
 * What the benchmark tells an LLM about each dataset: one sentence on the task and one per label
 * (a real model cannot guess what "ABBR" or "ham" means; the simulator ignores them).
 */
export const TASKS: Readonly<Record<string, { description: string; labelDescriptions: Record<string, string> }>> = {
  trec6: {
    description: "Classify each question by the kind of answer it asks for.",
    labelDescriptions: {
      ABBR: "the answer is an abbreviation or what one stands for",
      DESC: "the answer is a description, definition, manner or reason",
      ENTY: "the answer is an entity: a thing, animal, colour, food, product, event, term",
      HUM: "the answer is a person or a group of people",
      LOC: "the answer is a place",
      NUM: "the answer is a number: a count, date, distance, price, percentage, speed",
    },
  },
  ag_news: {
    description: "Classify each news article by its topic.",
    labelDescriptions: {
      Business: "business, companies, markets and the economy",
      "Sci/Tech": "science and technology",
      Sports: "sports",
      World: "world news and politics",
    },
  },
  "sms-spam": {
    description: "Classify each SMS message as spam or not.",
    labelDescriptions: {
      ham: "an ordinary message between people",
      spam: "unsolicited advertising, a prize, a scam or a paid-service offer",
    },
  },
};
