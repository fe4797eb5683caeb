/**
 * One pass over the chosen workflows' failed executions: those that failed because a service could not be
 * reached, or whose process died, are run again once their wait is over; the rest are reported once for a
 * person. Each retry is claimed first, so passes that overlap (a slow pass, several workers) never run the
 * same attempt twice.
 */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { coordinator } from '../../common/coordination';
import { failureCause, failureMessage, mayHealByRetrying, type FailureCause } from '../../common/failureCause';
import type { N8nApi } from './n8nApi';
import { resendDeliveries } from './resend';
import { failedExecutions, waitBeforeRetry, type FailedExecution, type RetrySettings } from './plan';

export interface PassSettings extends RetrySettings {
	workflowIds: string[];
	/** Where this n8n answers production webhooks; empty: the API's address. */
	webhookBaseUrl: string;
	lookBackMs: number;
	currentWorkflow: boolean;
}

/** How long a claim on one attempt (or on one report) lasts: past the look-back, the execution is not seen again. */
const claimMs = (settings: PassSettings) => settings.lookBackMs + 60 * 60_000;

/** The row of the failures table this execution's outcome updates (the columns of `record-failed-executions.json`). */
function row(api: N8nApi, failed: FailedExecution, fields: IDataObject): IDataObject {
	const { original } = failed;
	return {
		execution_id: original.id,
		workflow_id: original.workflowId,
		execution_url: `${api.editorUrl}/workflow/${original.workflowId}/executions/${original.id}`,
		mode: original.mode,
		retried: failed.attempts.length,
		resolved: failed.healed,
		...fields,
	};
}

async function claimOnce(key: string, ttlMs: number): Promise<boolean> {
	return await coordinator().claim([`retry-failed:${key}`], ttlMs);
}

/** Runs one failed execution again if it is due and may heal; returns its updated row, or nothing to report. */
async function handle(
	context: IExecuteFunctions,
	api: N8nApi,
	failed: FailedExecution,
	settings: PassSettings,
	now: number,
): Promise<IDataObject | { refused: string } | undefined> {
	const { original, latest } = failed;
	if (failed.healed) {
		// Healed by a person's retry, or by one whose row update was lost: report it once.
		return (await claimOnce(`healed:${original.id}`, claimMs(settings))) ? row(api, failed, { next_retry_at: '', needs_person: false }) : undefined;
	}
	if (failed.dueAt === undefined || failed.dueAt > now) return undefined;

	const attempt = failed.attempts.length + 1;
	const details = await api.readExecution(latest.id);
	// A retry n8n failed without an error says less than the failure it retried.
	const error = (details.error?.message || latest.id === original.id) ? details.error : ((await api.readExecution(original.id)).error ?? details.error);
	const cause: FailureCause = failureCause(latest.status, error);
	const known = {
		workflow: details.workflowName,
		failed_node: details.failedNode || (latest.status === 'crashed' ? 'n8n stopped during the run' : ''),
		error_message: failureMessage(latest.status, error),
		error_details: String(error?.description ?? ''),
		cause,
	};
	if (!mayHealByRetrying(cause)) {
		return (await claimOnce(`person:${latest.id}`, claimMs(settings))) ? row(api, failed, { ...known, next_retry_at: '', needs_person: true }) : undefined;
	}

	if (!details.hasData && cause === 'crashed') return await resendLost(context, api, failed, settings, known, details.createdAt);

	const claimKey = `${original.id}:${attempt}`;
	if (!(await claimOnce(claimKey, claimMs(settings)))) return undefined;
	let retried: { id: string; status: string };
	try {
		context.logger.info(`Retry Failed Executions: running execution ${original.id} again (attempt ${attempt} of ${settings.maxRetries}, ${cause})`);
		retried = await api.retry(original.id, settings.currentWorkflow);
	} catch (error) {
		// The retry never ran: give the attempt back so the next pass makes it.
		await coordinator().release([`retry-failed:${claimKey}`]).catch(() => undefined);
		return { refused: `execution ${original.id}: ${(error as Error).message}` };
	}
	const healed = retried.status === 'success';
	const lastAttempt = attempt >= settings.maxRetries;
	const nextWait = waitBeforeRetry(attempt, settings);
	return row(api, { ...failed, attempts: [...failed.attempts, { ...latest, id: retried.id }], healed }, {
		...known,
		last_retry_execution_id: retried.id,
		next_retry_at: healed || lastAttempt ? '' : new Date(Date.now() + nextWait).toISOString(),
		needs_person: !healed && lastAttempt,
	});
}

/** A run n8n erased (its worker died): its deliveries are sent again, once; n8n's Retry would run nothing. */
async function resendLost(
	context: IExecuteFunctions,
	api: N8nApi,
	failed: FailedExecution,
	settings: PassSettings,
	known: IDataObject,
	createdAt: number,
): Promise<IDataObject | undefined> {
	const { original } = failed;
	if (!(await claimOnce(`${original.id}:resent`, claimMs(settings)))) return undefined;
	const resent = await resendDeliveries(context, settings.webhookBaseUrl || api.editorUrl, original.workflowId, createdAt, claimMs(settings));
	context.logger.info(`Retry Failed Executions: execution ${original.id} lost its data; sent ${resent.sent} delivery(ies) again${resent.failed.length ? `, ${resent.failed.length} failed` : ''}`);
	const healed = resent.sent > 0 && resent.failed.length === 0;
	const why = resent.sent + resent.failed.length === 0 ? 'no copy of its delivery was kept (copies last 15 minutes, on queue mode only)' : resent.failed.join('; ');
	return row(api, { ...failed, healed }, {
		...known,
		retried: failed.attempts.length + 1,
		error_details: healed ? `n8n lost this run's data when its worker stopped; its delivery was sent again (${resent.sent})` : `n8n lost this run's data when its worker stopped, and ${why}`,
		last_retry_execution_id: '',
		next_retry_at: '',
		needs_person: !healed,
	});
}

/** The rows to update, one per execution this pass retried or reported. */
export async function retryFailedExecutions(context: IExecuteFunctions, api: N8nApi, settings: PassSettings): Promise<IDataObject[]> {
	const now = Date.now();
	const since = new Date(now - settings.lookBackMs);
	const rows: IDataObject[] = [];
	const refused: string[] = [];
	for (const workflowId of settings.workflowIds) {
		const failed = failedExecutions(await api.listExecutions(workflowId, since), settings);
		const open = failed.filter((execution) => !execution.healed).length;
		context.logger.info(`Retry Failed Executions: workflow ${workflowId} has ${failed.length} failed execution(s) since ${since.toISOString()}, ${open} not healed`);
		for (const execution of failed) {
			const outcome = await handle(context, api, execution, settings, now);
			if (outcome && 'refused' in outcome) refused.push(String(outcome.refused));
			else if (outcome) rows.push(outcome);
		}
	}
	if (refused.length > 0 && rows.length === 0) {
		// Every retry was refused: likely the key, not the executions. Fail so it shows in the executions list.
		throw new NodeApiError(context.getNode(), { message: refused[0] }, {
			message: `n8n refused to retry ${refused.length} execution(s): ${refused[0]}`,
			description: 'Check that the API key in the n8n API credential has the execution:retry scope and that its user may run these workflows.',
		});
	}
	for (const reason of refused) context.logger.warn(`Retry Failed Executions: n8n refused a retry (${reason}); the next pass tries again`);
	return rows;
}
