/**
 * Runs again what a run had to work with when n8n erased it (its worker died on queue mode): the deliveries the
 * workflow's triggers accepted just before n8n created the run are sent to their webhooks again, their claims
 * given back first so the triggers take them as new. A delivery whose own run had succeeded runs once more and
 * changes nothing (the nodes find or update what it wrote).
 */
import { createHash } from 'node:crypto';

import type { IExecuteFunctions } from 'n8n-workflow';

import { coordinator } from '../../common/coordination';
import { journaledDeliveries } from '../../common/deliveryJournal';

/** A trigger accepts a delivery a few milliseconds before n8n creates its run; seconds allow for a busy process. */
const BEFORE_MS = 2_000;
const AFTER_MS = 500;
const RESEND_TIMEOUT_MS = 30_000;

export interface Resent {
	/** Deliveries sent again (or already by an overlapping pass). */
	sent: number;
	/** Why any could not be sent. */
	failed: string[];
}

export async function resendDeliveries(
	context: IExecuteFunctions,
	webhookBaseUrl: string,
	workflowId: string,
	createdAt: number,
	claimMs: number,
): Promise<Resent> {
	const entries = await journaledDeliveries(workflowId, createdAt - BEFORE_MS, createdAt + AFTER_MS);
	const resent: Resent = { sent: 0, failed: [] };
	for (const entry of entries) {
		// Runs lost close together share deliveries in their windows: each is sent again once.
		const once = `retry-failed:resent:${workflowId}:${entry.acceptedAt}:${createHash('sha256').update(entry.body).digest('hex')}`;
		if (!(await coordinator().claim([once], claimMs))) {
			resent.sent++;
			continue;
		}
		await coordinator().release(entry.claims);
		const answer = await context.helpers.httpRequest({
			method: 'POST',
			url: `${webhookBaseUrl.replace(/\/+$/, '')}${entry.path}`,
			headers: entry.headers,
			body: Buffer.from(entry.body, 'base64'),
			json: false,
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
			timeout: RESEND_TIMEOUT_MS,
		}).catch((error: Error) => ({ statusCode: 0, body: error.message }));
		const status = Number((answer as { statusCode?: number }).statusCode ?? 0);
		if (status >= 200 && status < 300) resent.sent++;
		else {
			await coordinator().release([once]).catch(() => undefined);
			resent.failed.push(`${entry.path} answered ${status || String((answer as { body?: unknown }).body)}`);
		}
	}
	return resent;
}
