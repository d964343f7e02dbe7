import { testConnector } from '@patchbay/sdk/testing';
import { expect } from 'vitest';
import { github } from './index.ts';

const TOKEN = 'gho_16C7e42F292c6912E7710c838347Ae178B4a';
const octocat = { login: 'octocat', id: 1, type: 'User' };

const issue = (number: number, title: string, extra: Record<string, unknown> = {}) => ({
  id: 1_000 + number,
  node_id: 'MDU6SXNzdWUx',
  url: `https://api.github.com/repos/octocat/Hello-World/issues/${number}`,
  html_url: `https://github.com/octocat/Hello-World/issues/${number}`,
  number,
  state: 'open',
  title,
  body: "I'm having a problem with this.",
  user: octocat,
  labels: [{ id: 208045946, node_id: 'MDU6TGFiZWwyMDgwNDU5NDY=', name: 'bug', color: 'f29513', default: true }],
  assignees: [octocat],
  comments: 0,
  created_at: '2011-04-22T13:33:48Z',
  updated_at: '2011-04-22T13:33:48Z',
  ...extra,
});

const repository = (id: number, name: string, extra: Record<string, unknown> = {}) => ({
  id,
  node_id: 'MDEwOlJlcG9zaXRvcnkxMjk2MjY5',
  name,
  full_name: `octocat/${name}`,
  owner: octocat,
  private: false,
  visibility: 'public',
  html_url: `https://github.com/octocat/${name}`,
  description: 'This your first repo!',
  fork: false,
  archived: false,
  default_branch: 'main',
  stargazers_count: 80,
  open_issues_count: 2,
  pushed_at: '2011-01-26T19:06:43Z',
  updated_at: '2011-01-26T19:14:43Z',
  ...extra,
});

const expectGitHubHeaders = (headers: Record<string, string> | undefined) => {
  expect(headers?.authorization).toBe(`Bearer ${TOKEN}`);
  expect(headers?.accept).toBe('application/vnd.github+json');
  expect(headers?.['x-github-api-version']).toBe('2022-11-28');
};

testConnector(github, {
  credentials: { accessToken: TOKEN },
  fixtures: {
    createIssue: {
      input: {
        owner: 'octocat',
        repo: 'Hello-World',
        title: 'Found a bug',
        body: "I'm having a problem with this.",
        labels: ['bug'],
        assignees: ['octocat'],
      },
      setup: (h) => h.on('POST', '/repos/octocat/Hello-World/issues').reply(201, issue(1347, 'Found a bug')),
      check: (output, h) => {
        expect(output).toEqual({
          id: 2347,
          number: 1347,
          title: 'Found a bug',
          state: 'open',
          htmlUrl: 'https://github.com/octocat/Hello-World/issues/1347',
          body: "I'm having a problem with this.",
          author: 'octocat',
          labels: ['bug'],
          assignees: ['octocat'],
          comments: 0,
          isPullRequest: false,
          createdAt: '2011-04-22T13:33:48Z',
          updatedAt: '2011-04-22T13:33:48Z',
        });
        const req = h.requests[0];
        expect(req?.method).toBe('POST');
        expect(req?.url).toBe('https://api.github.com/repos/octocat/Hello-World/issues');
        expectGitHubHeaders(req?.headers);
        expect(req?.headers['content-type']).toBe('application/json');
        expect(req?.json()).toEqual({
          title: 'Found a bug',
          body: "I'm having a problem with this.",
          labels: ['bug'],
          assignees: ['octocat'],
        });
      },
    },
    listIssues: {
      input: { owner: 'octocat', repo: 'Hello-World', state: 'all', labels: ['bug', 'ui'], perPage: 2, page: 1 },
      setup: (h) =>
        h.on('GET', '/repos/octocat/Hello-World/issues?state=all&labels=bug%2Cui&per_page=2&page=1').reply(
          200,
          [
            issue(1347, 'Found a bug'),
            issue(1348, 'Fix the bug', {
              pull_request: { url: 'https://api.github.com/repos/octocat/Hello-World/pulls/1348' },
              labels: ['ui'],
            }),
          ],
          {
            link: '<https://api.github.com/repositories/1296269/issues?state=all&labels=bug%2Cui&per_page=2&page=2>; rel="next", <https://api.github.com/repositories/1296269/issues?state=all&labels=bug%2Cui&per_page=2&page=7>; rel="last"',
          },
        ),
      check: (output, h) => {
        const out = output as { issues: { number: number; isPullRequest: boolean; labels: string[] }[]; nextPage: number | null };
        expect(out.issues.map((i) => [i.number, i.isPullRequest, i.labels])).toEqual([
          [1347, false, ['bug']],
          [1348, true, ['ui']],
        ]);
        expect(out.nextPage).toBe(2);
        const req = h.requests[0];
        expect(req?.method).toBe('GET');
        expect(req?.url).toBe('https://api.github.com/repos/octocat/Hello-World/issues?state=all&labels=bug%2Cui&per_page=2&page=1');
        expectGitHubHeaders(req?.headers);
        expect(req?.body).toBeUndefined();
      },
    },
    commentOnIssue: {
      input: { owner: 'octocat', repo: 'Hello-World', issueNumber: 1347, body: 'Me too' },
      setup: (h) =>
        h.on('POST', '/repos/octocat/Hello-World/issues/1347/comments').reply(201, {
          id: 1,
          node_id: 'MDEyOklzc3VlQ29tbWVudDE=',
          url: 'https://api.github.com/repos/octocat/Hello-World/issues/comments/1',
          html_url: 'https://github.com/octocat/Hello-World/issues/1347#issuecomment-1',
          body: 'Me too',
          user: octocat,
          created_at: '2011-04-14T16:00:49Z',
          updated_at: '2011-04-14T16:00:49Z',
        }),
      check: (output, h) => {
        expect(output).toEqual({
          id: 1,
          htmlUrl: 'https://github.com/octocat/Hello-World/issues/1347#issuecomment-1',
          author: 'octocat',
          createdAt: '2011-04-14T16:00:49Z',
        });
        const req = h.requests[0];
        expect(req?.url).toBe('https://api.github.com/repos/octocat/Hello-World/issues/1347/comments');
        expectGitHubHeaders(req?.headers);
        expect(req?.headers['content-type']).toBe('application/json');
        expect(req?.json()).toEqual({ body: 'Me too' });
      },
    },
    listRepositories: {
      input: { visibility: 'private', affiliation: ['owner', 'organization_member'], sort: 'updated', perPage: 2, page: 3 },
      setup: (h) =>
        h
          .on('GET', '/user/repos?visibility=private&affiliation=owner%2Corganization_member&sort=updated&per_page=2&page=3')
          .reply(200, [repository(1296269, 'Hello-World', { private: true, visibility: 'private' })], {
            link: '<https://api.github.com/user/repos?visibility=private&affiliation=owner%2Corganization_member&sort=updated&per_page=2&page=2>; rel="prev", <https://api.github.com/user/repos?visibility=private&affiliation=owner%2Corganization_member&sort=updated&per_page=2&page=1>; rel="first"',
          }),
      check: (output, h) => {
        expect(output).toEqual({
          repositories: [
            {
              id: 1296269,
              name: 'Hello-World',
              fullName: 'octocat/Hello-World',
              owner: 'octocat',
              private: true,
              visibility: 'private',
              description: 'This your first repo!',
              htmlUrl: 'https://github.com/octocat/Hello-World',
              defaultBranch: 'main',
              fork: false,
              archived: false,
              stars: 80,
              openIssues: 2,
              pushedAt: '2011-01-26T19:06:43Z',
            },
          ],
          nextPage: null,
        });
        const req = h.requests[0];
        expect(req?.url).toBe(
          'https://api.github.com/user/repos?visibility=private&affiliation=owner%2Corganization_member&sort=updated&per_page=2&page=3',
        );
        expectGitHubHeaders(req?.headers);
      },
    },
    getRepository: {
      input: { owner: 'octocat', repo: 'Hello-World' },
      setup: (h) => h.on('GET', '/repos/octocat/Hello-World').reply(200, repository(1296269, 'Hello-World')),
      check: (output, h) => {
        expect(output).toMatchObject({ id: 1296269, fullName: 'octocat/Hello-World', defaultBranch: 'main', private: false });
        const req = h.requests[0];
        expect(req?.method).toBe('GET');
        expect(req?.url).toBe('https://api.github.com/repos/octocat/Hello-World');
        expectGitHubHeaders(req?.headers);
      },
    },
  },
});
