/**
 * Todoist API v1 webhook deliveries as they travel (snake_case), field for field as Todoist's own SDK
 * (`@doist/todoist-sdk`: TaskSchema, the webhook envelope) parses them before camel-casing. `url` is not part of
 * it: the SDK ignores one if sent, so our fixtures leave it out and the trigger must build the link itself.
 */
import { z } from 'zod';

const nullableString = z.string().nullable();

export const todoistTaskShape = z
	.object({
		id: z.string(),
		user_id: z.string(),
		project_id: z.string(),
		section_id: nullableString,
		parent_id: nullableString,
		added_by_uid: nullableString,
		assigned_by_uid: nullableString,
		responsible_uid: nullableString,
		labels: z.array(z.string()),
		deadline: z.object({ date: z.string(), lang: z.string() }).nullable(),
		duration: z.object({ amount: z.number().positive(), unit: z.enum(['minute', 'day']) }).nullable(),
		checked: z.boolean(),
		is_deleted: z.boolean(),
		added_at: nullableString,
		completed_at: nullableString,
		updated_at: nullableString,
		due: z
			.object({ is_recurring: z.boolean(), string: z.string(), date: z.string() })
			.extend({ datetime: nullableString.optional(), timezone: nullableString.optional(), lang: nullableString.optional() })
			.nullable(),
		priority: z.number().int(),
		child_order: z.number().int(),
		content: z.string(),
		description: z.string(),
		day_order: z.number().int(),
		is_collapsed: z.boolean(),
	})
	.passthrough();

export const todoistTaskDeliveryShape = z.object({
	version: z.literal('1'),
	user_id: z.string(),
	initiator: z.object({
		id: z.string(),
		full_name: z.string(),
		email: z.string(),
		image_id: nullableString,
		is_premium: z.boolean(),
	}),
	triggered_at: z.string(),
	event_name: z.enum(['item:added', 'item:updated', 'item:deleted', 'item:completed', 'item:uncompleted']),
	event_data: todoistTaskShape,
	// Only on item:updated, and only when the initiator made the change; unknown intents read as item_updated.
	event_data_extra: z
		.object({
			old_item: todoistTaskShape,
			update_intent: z.enum(['item_updated', 'item_completed', 'item_uncompleted', 'responsible_uid_changed']),
		})
		.optional(),
});
