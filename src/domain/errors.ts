/** Errors the domain raises. Each has a stable code that adapters map to exit codes and HTTP statuses. */
export class DomainError extends Error {
  constructor(
    readonly code: 'invalid' | 'not-found' | 'conflict' | 'forbidden' | 'immutable',
    message: string,
  ) {
    super(message)
    this.name = new.target.name
  }
}

export class ValidationError extends DomainError {
  constructor(
    message: string,
    readonly problems: readonly string[] = [message],
  ) {
    super('invalid', message)
  }
}

export class NotFoundError extends DomainError {
  constructor(message: string) {
    super('not-found', message)
  }
}

/** A write based on a version that is no longer current. */
export class ConflictError extends DomainError {
  constructor(message: string) {
    super('conflict', message)
  }
}

export class ForbiddenError extends DomainError {
  constructor(message: string) {
    super('forbidden', message)
  }
}

export class ImmutableError extends DomainError {
  constructor(message: string) {
    super('immutable', message)
  }
}
