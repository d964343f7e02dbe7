/**
 * @module One tRPC mutation per installed action, `actions.<connectorId>.<actionName>`, typed
 * from the connector's own zod schemas: a frontend gets autocomplete and compile errors from
 * the connector list in `patchbay.config.ts`, with no code generation.
 */
import type { AnyAction, AnyConnector } from '@patchbay/sdk';
import type { TRPCMutationProcedure } from '@trpc/server';
import { z } from 'zod';
import { actorRef } from '../actor.ts';
import { actionsProcedure } from '../procedures.ts';

/** What every action procedure takes around the action's own input. */
export type ActionCall<A extends AnyAction> = {
  connectionId: string;
  input: z.input<A['input']>;
  /** Same key, same input: the stored result, and the provider is called once. */
  idempotencyKey?: string | undefined;
};

type ActionProcedure<A extends AnyAction> = TRPCMutationProcedure<{
  input: ActionCall<A>;
  output: z.output<A['output']>;
  meta: object;
}>;

export type ConnectorProcedures<C extends AnyConnector> = {
  [Name in keyof C['actions'] & string]: ActionProcedure<C['actions'][Name]>;
};

export type ActionProcedures<Cs extends readonly AnyConnector[]> = {
  [C in Cs[number] as C['id']]: ConnectorProcedures<C>;
};

const envelope = z.object({
  connectionId: z.uuid(),
  // The action's own schema validates it in the runner, where failures become INVALID_INPUT.
  input: z.unknown(),
  idempotencyKey: z.string().min(1).max(255).optional(),
});

function actionProcedure(connectorId: string, action: string) {
  return actionsProcedure.input(envelope).mutation(async ({ ctx, input, signal }) => {
    const result = await ctx.engine.call({
      tenantId: ctx.tenant.id,
      actor: actorRef(ctx.actor),
      channel: ctx.channel,
      connectorId,
      action,
      connectionId: input.connectionId,
      input: input.input,
      idempotencyKey: input.idempotencyKey,
      signal,
    });
    return result.output;
  });
}

/** The procedures for a set of connectors, shaped and typed as `ActionProcedures<Cs>`. */
export function actionProcedures<const Cs extends readonly AnyConnector[]>(connectors: Cs): ActionProcedures<Cs> {
  const out: Record<string, Record<string, unknown>> = {};
  for (const connector of connectors) {
    const procedures: Record<string, unknown> = {};
    for (const name of Object.keys(connector.actions)) procedures[name] = actionProcedure(connector.id, name);
    out[connector.id] = procedures;
  }
  return out as ActionProcedures<Cs>;
}
