import { z } from 'zod';

/**
 * Sent on every request: GitHub's media type and a pinned REST API version
 * (https://docs.github.com/en/rest/about-the-rest-api/api-versions).
 */
export const GITHUB_HEADERS: Readonly<Record<string, string>> = Object.freeze({
  accept: 'application/vnd.github+json',
  'x-github-api-version': '2022-11-28',
});

/** A user or organization login: letters, digits and hyphens, at most 39 characters. */
export const owner = z
  .string()
  .regex(/^[A-Za-z0-9-]{1,39}$/, 'a GitHub user or organization name')
  .describe('Account that owns the repository (user or organization)');

/** A repository name: letters, digits, `.`, `_` and `-`, never `.` or `..`. */
export const repo = z
  .string()
  .regex(/^[A-Za-z0-9._-]{1,100}$/, 'a GitHub repository name')
  .refine((name) => name !== '.' && name !== '..', 'a GitHub repository name')
  .describe('Repository name, without the owner');

export const perPage = z.number().int().min(1).max(100).default(30).describe('Results per page (max 100)');
export const page = z.number().int().min(1).default(1).describe('Page number, from 1');

/** `/repos/{owner}/{repo}` with both segments escaped. */
export const repoPath = (input: { owner: string; repo: string }) =>
  `/repos/${encodeURIComponent(input.owner)}/${encodeURIComponent(input.repo)}`;

export const account = z.object({ login: z.string(), id: z.number() });

export const issue = z.object({
  id: z.number(),
  number: z.number(),
  title: z.string(),
  state: z.string(),
  html_url: z.string(),
  body: z.string().nullable().optional(),
  user: account.nullable().optional(),
  labels: z.array(z.union([z.string(), z.object({ name: z.string().optional() })])).optional(),
  assignees: z.array(account).nullable().optional(),
  comments: z.number().optional(),
  pull_request: z.object({}).loose().optional(),
  created_at: z.string(),
  updated_at: z.string(),
});

export const issueOutput = z.object({
  id: z.number(),
  number: z.number(),
  title: z.string(),
  state: z.string(),
  htmlUrl: z.string(),
  body: z.string().nullable(),
  author: z.string().nullable(),
  labels: z.array(z.string()),
  assignees: z.array(z.string()),
  comments: z.number(),
  isPullRequest: z.boolean().describe('GitHub lists pull requests among issues'),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export function toIssue(i: z.infer<typeof issue>): z.infer<typeof issueOutput> {
  return {
    id: i.id,
    number: i.number,
    title: i.title,
    state: i.state,
    htmlUrl: i.html_url,
    body: i.body ?? null,
    author: i.user?.login ?? null,
    labels: (i.labels ?? []).map((l) => (typeof l === 'string' ? l : (l.name ?? ''))).filter(Boolean),
    assignees: (i.assignees ?? []).map((a) => a.login),
    comments: i.comments ?? 0,
    isPullRequest: i.pull_request !== undefined,
    createdAt: i.created_at,
    updatedAt: i.updated_at,
  };
}

export const repository = z.object({
  id: z.number(),
  name: z.string(),
  full_name: z.string(),
  owner: account,
  private: z.boolean(),
  visibility: z.string().optional(),
  description: z.string().nullable(),
  html_url: z.string(),
  default_branch: z.string().optional(),
  fork: z.boolean().optional(),
  archived: z.boolean().optional(),
  stargazers_count: z.number().optional(),
  open_issues_count: z.number().optional(),
  pushed_at: z.string().nullable().optional(),
  updated_at: z.string().nullable().optional(),
});

export const repositoryOutput = z.object({
  id: z.number(),
  name: z.string(),
  fullName: z.string(),
  owner: z.string(),
  private: z.boolean(),
  visibility: z.string().optional(),
  description: z.string().nullable(),
  htmlUrl: z.string(),
  defaultBranch: z.string().optional(),
  fork: z.boolean(),
  archived: z.boolean(),
  stars: z.number().optional(),
  openIssues: z.number().optional(),
  pushedAt: z.string().nullable(),
});

export function toRepository(r: z.infer<typeof repository>): z.infer<typeof repositoryOutput> {
  return {
    id: r.id,
    name: r.name,
    fullName: r.full_name,
    owner: r.owner.login,
    private: r.private,
    visibility: r.visibility,
    description: r.description,
    htmlUrl: r.html_url,
    defaultBranch: r.default_branch,
    fork: r.fork ?? false,
    archived: r.archived ?? false,
    stars: r.stargazers_count,
    openIssues: r.open_issues_count,
    pushedAt: r.pushed_at ?? null,
  };
}
