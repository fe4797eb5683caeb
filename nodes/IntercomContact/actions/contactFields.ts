import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { optionalText, readAttributeMap } from '../../common/attributes';
import type { AttributeFields } from '../../common/attributes';
import { toE164 } from '../../common/phone';
import type { ContactFields } from './contactApi';
import { normalizeEmail } from './contactApi';

/** E.164 form of a phone number, or a note saying why it was left out. */
function readPhone(text: string, defaultCountry: string | undefined): { phone?: string; note?: string } {
	if (!text) return {};
	const phone = toE164(text, defaultCountry);
	if (phone) return { phone };
	const hint = defaultCountry?.trim() ? '' : ' Numbers without a +country prefix need the Default Phone Country option.';
	return { note: `Phone "${text}" is not a valid phone number and was left out.${hint}` };
}

export const CUSTOM_ATTRIBUTE_FIELDS: AttributeFields = {
	listName: 'customAttributes',
	entryName: 'attribute',
	jsonName: 'customAttributesJson',
	label: 'Custom attributes',
};

/** Where Phone and the custom attributes come from: the form, or the Member Lookup node's `intercom` field. */
export const ATTRIBUTE_SOURCE = { enterBelow: 'enterBelow', memberLookup: 'memberLookup' } as const;

/**
 * Phone and custom attributes from the `intercom` object the Member Lookup node adds to each member it finds.
 * Read straight from the input item, so n8n evaluates no expression for them (about a millisecond each in its isolates).
 */
function memberLookupAttributes(context: IExecuteFunctions, itemIndex: number) {
	const json = context.getInputData()[itemIndex]?.json;
	const intercom = json?.intercom;
	if (json?.found === false) {
		throw new NodeOperationError(context.getNode(), 'The Member Lookup found no member for this item', {
			itemIndex,
			description:
				'In the Member Lookup, set When Not Found to Send the Item to a Not Found Output (or Leave the Item Out), so only members reach this step.',
		});
	}
	if (intercom === null || typeof intercom !== 'object' || Array.isArray(intercom)) {
		throw new NodeOperationError(context.getNode(), 'This item has no "intercom" field from a Member Lookup node', {
			itemIndex,
			description:
				'Connect this step to the Found output of a Member Lookup node, or set Phone and Custom Attributes to Enter Below and fill them in.',
		});
	}
	const { phone, ...customAttributes } = intercom as IDataObject;
	return { phone: typeof phone === 'string' ? phone.trim() : '', customAttributes };
}

/** What the Upsert operation reads for one item. */
export interface UpsertInput {
	/** Intercom's ID of the contact, when the workflow already knows it. */
	contactId?: string;
	email?: string;
	externalId?: string;
	fields: ContactFields;
	notes: string[];
}

export function readUpsertInput(context: IExecuteFunctions, itemIndex: number): UpsertInput {
	const node = context.getNode();
	const email = optionalText(context, 'email', itemIndex);
	const externalId = optionalText(context, 'externalId', itemIndex);
	const contactId = optionalText(context, 'contactId', itemIndex) || undefined;
	if (!email && !externalId && !contactId) {
		throw new NodeOperationError(node, 'Enter a contact ID, an email or an external ID to find the contact by', {
			itemIndex,
		});
	}
	if (email && !/^[^\s@]+@[^\s@]+$/.test(email)) {
		throw new NodeOperationError(node, `"${email}" is not an email address`, {
			itemIndex,
			description: 'Check the expression that fills the Email field.',
		});
	}
	const options = context.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const notes: string[] = [];
	const fields: ContactFields = {
		role: context.getNodeParameter('role', itemIndex, 'user') === 'lead' ? 'lead' : 'user',
		...(email ? { email: normalizeEmail(email) } : {}),
		...(externalId ? { external_id: externalId } : {}),
	};
	const name = optionalText(context, 'name', itemIndex);
	if (name) fields.name = name;

	const fromLookup =
		context.getNodeParameter('attributeSource', itemIndex, ATTRIBUTE_SOURCE.enterBelow) === ATTRIBUTE_SOURCE.memberLookup
			? memberLookupAttributes(context, itemIndex)
			: undefined;
	const phoneText = fromLookup ? fromLookup.phone : optionalText(context, 'phone', itemIndex);
	const phone = readPhone(phoneText, options.defaultPhoneCountry as string | undefined);
	if (phone.phone) fields.phone = phone.phone;
	if (phone.note) notes.push(phone.note);

	const customAttributes = readAttributeMap(context, itemIndex, CUSTOM_ATTRIBUTE_FIELDS, fromLookup?.customAttributes);
	if (Object.keys(customAttributes).length > 0) fields.custom_attributes = customAttributes;
	return { contactId, email: fields.email, externalId: fields.external_id, fields, notes };
}
