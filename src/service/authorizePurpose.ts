import { AppError } from '../core/errors.ts';
import type { Context } from '../features/contexts.ts';
import type { Caller } from './authenticate.ts';
import type { Module, Purpose, PurposeRegister } from './purposeRegister.ts';
import { contextsByRole } from './roles.ts';

/**
 * Checks a request against its declared purpose (doelbinding, GDPR art. 5(1)(b)): the purpose
 * exists, serves this module, admits the caller's role and the model's context, and the role may
 * see that context at all. Each refusal says which rule it broke.
 */
export function authorizePurpose(
  register: PurposeRegister,
  purposeId: string | undefined,
  request: { caller: Caller; module: Module; context: Context },
): Purpose {
  if (purposeId === undefined || purposeId === '') {
    throw new AppError('FORBIDDEN', 'The request names no purpose.', [
      {
        field: 'purpose',
        message: 'is missing.',
        hint: 'Send the header X-Purpose or the body field "purpose".',
      },
    ]);
  }
  const purpose = register.byId.get(purposeId);
  if (purpose === undefined) {
    throw forbidden(
      'The purpose is not in the purpose register.',
      'purpose',
      `Use one of: ${[...register.byId.keys()].join(', ')}.`,
    );
  }
  const { caller, module, context } = request;
  if (!purpose.modules.includes(module)) {
    throw forbidden(
      `The purpose ${purpose.id} does not cover the ${module}.`,
      'purpose',
      `It covers: ${purpose.modules.join(', ')}.`,
    );
  }
  if (!purpose.roles.includes(caller.role)) {
    throw forbidden(
      `The purpose ${purpose.id} is not open to the role ${caller.role}.`,
      'role',
      `It is open to: ${purpose.roles.join(', ')}.`,
    );
  }
  if (!contextsByRole[caller.role].includes(context)) {
    throw forbidden(
      `The role ${caller.role} may not use models of the ${context} context.`,
      'context',
      `Allowed: ${contextsByRole[caller.role].join(', ') || 'none'}.`,
    );
  }
  if (!purpose.contexts.includes(context)) {
    throw forbidden(
      `The purpose ${purpose.id} does not allow the ${context} context.`,
      'context',
      `It allows: ${purpose.contexts.join(', ')}.`,
    );
  }
  return purpose;
}

function forbidden(message: string, field: string, hint: string): AppError {
  return new AppError('FORBIDDEN', message, [{ field, message: 'is not allowed here.', hint }]);
}
