// Every fixed phrase users read, in Danish (the first language). src/texts/en.ts has the same keys
// in English (the compiler and test/texts/catalogue.test.ts keep them in step).

export const da = {
  cases: {
    noPool: 'Der er ingen beredskabspulje for denne organisation.',
  },
};
