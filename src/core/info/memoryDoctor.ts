/**
 * MEMORY DOCTOR, read for a person: the server answers in Redis' in-joke voice ("Hi Sam, …"); this turns each
 * node's answer into a verdict, a one-line summary in our words, and the issues it lists (title + advice),
 * while keeping the server's own words to quote as such.
 */

export type MemoryDoctorVerdict = 'too-little-data' | 'healthy' | 'issues' | 'unrecognised';

export interface MemoryDoctorIssue {
  /** "Peak memory", "High allocator fragmentation", … as the server names it. */
  title: string;
  /** The server's explanation and advice for it, one paragraph. */
  detail: string;
}

export interface MemoryDoctorReading {
  /** Node address in a Cluster, or the connection's label. */
  node: string;
  verdict: MemoryDoctorVerdict;
  /** One sentence in plain words. */
  summary: string;
  issues: MemoryDoctorIssue[];
  /** The server's reply, verbatim (to show as a quotation). */
  serverText: string;
}

/** Paragraphs joined back into running text: the server breaks none mid-paragraph, but trims the edges. */
function tidy(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

export function readMemoryDoctor(node: string, reply: string): MemoryDoctorReading {
  const serverText = reply.replace(/\r\n/g, '\n').trim();
  const base = { node, serverText, issues: [] as MemoryDoctorIssue[] };
  // Redis checks nothing below 5 MB allocated (object.c: "this instance is empty or is using very little memory").
  if (/empty or is using very little memory/i.test(serverText)) {
    return { ...base, verdict: 'too-little-data', summary: 'Nothing to check yet: MEMORY DOCTOR only looks at a server holding more than about 5 MB, and this one holds less.' };
  }
  if (/can't find any memory issue/i.test(serverText)) {
    return { ...base, verdict: 'healthy', summary: 'No memory issues found.' };
  }
  const issues: MemoryDoctorIssue[] = [];
  for (const paragraph of serverText.split(/\n\s*\n/)) {
    const bullet = /^\s*\*\s+([^:]{2,80}):\s*([\s\S]*)$/.exec(paragraph);
    if (bullet) issues.push({ title: tidy(bullet[1]), detail: tidy(bullet[2]) });
  }
  if (issues.length > 0) {
    const names = issues.map((issue) => issue.title.toLowerCase()).join(', ');
    return { ...base, verdict: 'issues', issues, summary: `${issues.length === 1 ? '1 issue' : `${issues.length} issues`} found: ${names}.` };
  }
  return { ...base, verdict: 'unrecognised', summary: 'The server answered in a form this version does not summarise; its words are below.' };
}
