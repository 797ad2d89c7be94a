#!/usr/bin/env node
/**
 * Writes the sample program that "Open sample program" loads: a multi-hop question-answering program
 * as DSPy 3.x saves it (orjson, indent 2, trailing newline), written for this project.
 */
import { writeFileSync } from 'node:fs';

const reasoning = { prefix: "Reasoning: Let's think step by step in order to", description: '${reasoning}' };
const lm = {
  model: 'openai/gpt-4o-mini',
  model_type: 'chat',
  cache: true,
  num_retries: 3,
  finetuning_model: null,
  launch_kwargs: {},
  train_kwargs: {},
  temperature: 0.0,
  max_tokens: 4000,
};

// Both hops of the query generator share one signature, as a list of ChainOfThought modules does.
const querySignature = {
  instructions: 'Write a simple search query that will help answer a complex question.',
  fields: [
    { prefix: 'Context:', description: 'may contain relevant facts' },
    { prefix: 'Question:', description: '${question}' },
    reasoning,
    { prefix: 'Query:', description: 'a search query' },
  ],
};

const hopDemos = (hop) => [
  {
    augmented: true,
    context: hop === 0 ? [] : ['The Eiffel Tower was designed by the engineering firm of Gustave Eiffel.'],
    question: 'Which engineer\u2019s firm designed the tower completed for the 1889 World\u2019s Fair in Paris?',
    reasoning: hop === 0 ? 'I need the name of the tower first, then who designed it.' : 'The context names the firm; now find the engineer behind it.',
    query: hop === 0 ? 'tower completed for 1889 World\u2019s Fair Paris' : 'Gustave Eiffel engineering firm founder',
  },
  {
    augmented: true,
    context: [],
    question: 'What river flows through the capital of the country that hosted the 2016 Summer Olympics?',
    reasoning: 'The 2016 Olympics were in Brazil; its capital is Bras\u00edlia, so I should look up rivers near Bras\u00edlia.',
    query: 'rivers of Bras\u00edlia capital of Brazil',
  },
];

const program = {
  retrieve: { k: 3 },
  'generate_query[0].predict': {
    traces: [],
    train: [],
    demos: hopDemos(0),
    signature: querySignature,
    lm: null,
  },
  'generate_query[1].predict': {
    traces: [],
    train: [],
    demos: hopDemos(1),
    signature: querySignature,
    lm: null,
  },
  'generate_answer.predict': {
    traces: [],
    train: [],
    demos: [
      {
        augmented: true,
        context: [
          'Gustave Eiffel | Alexandre Gustave Eiffel was a French civil engineer whose company designed the Eiffel Tower.',
          'Eiffel Tower | Constructed from 1887 to 1889 as the centrepiece of the 1889 World\u2019s Fair.',
        ],
        question: 'Which engineer\u2019s firm designed the tower completed for the 1889 World\u2019s Fair in Paris?',
        reasoning: 'The tower is the Eiffel Tower, and the context says Gustave Eiffel\u2019s company designed it.',
        answer: 'Gustave Eiffel',
      },
      {
        augmented: true,
        context: ['Parano\u00e1 Lake | An artificial lake in Bras\u00edlia, formed by damming the Parano\u00e1 River.'],
        question: 'What river flows through the capital of the country that hosted the 2016 Summer Olympics?',
        reasoning: 'Brazil hosted the 2016 Olympics; Bras\u00edlia is its capital and the Parano\u00e1 River was dammed there.',
        answer: 'The Parano\u00e1 River',
      },
      {
        question: 'Who wrote the novel that the film "Blade Runner" is based on?',
        answer: 'Philip K. Dick',
        gold_titles: ['Blade Runner', 'Do Androids Dream of Electric Sheep?'],
      },
      {
        question: 'In what year was the university attended by the first person to walk on the Moon founded?',
        answer: '1870',
        gold_titles: ['Neil Armstrong', 'Purdue University'],
      },
    ],
    signature: {
      instructions: 'Answer questions with short factoid answers. Use only the context; if it is not enough, say what is missing.',
      fields: [
        { prefix: 'Context:', description: 'may contain relevant facts' },
        { prefix: 'Question:', description: '${question}' },
        reasoning,
        { prefix: 'Answer:', description: 'often between 1 and 5 words' },
      ],
    },
    lm,
  },
  summarize: {
    traces: [],
    train: [],
    demos: [
      {
        augmented: true,
        passage: 'The Parano\u00e1 Lake was created in 1959 to raise humidity in the dry climate of the new capital.',
        summary: 'An artificial lake made in 1959 to humidify Bras\u00edlia.',
      },
    ],
    signature: {
      instructions: 'Summarize the passage in one sentence.',
      fields: [
        { prefix: 'Passage:', description: '${passage}' },
        { prefix: 'Summary:', description: 'one sentence' },
      ],
    },
    lm: null,
  },
  metadata: { dependency_versions: { python: '3.12', dspy: '3.0.3', cloudpickle: '3.1' } },
};

// orjson with OPT_INDENT_2 | OPT_APPEND_NEWLINE writes what JSON.stringify(value, null, 2) writes, plus '\n'.
writeFileSync(new URL('../public/samples/multihop-qa.json', import.meta.url), JSON.stringify(program, null, 2) + '\n');
console.log('wrote public/samples/multihop-qa.json');
