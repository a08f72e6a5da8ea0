// Contracts and invoices of business accounts (DESIGN 1.2): a contract's dates are in order and its
// renewal falls due at its end unless told otherwise; an invoice is due on or after its issue, is
// paid when it has a paid date, and is overdue while sent, unpaid and past due — kept on every write
// and by the daily sweep, since time alone makes an invoice overdue.
#pragma once

#include <cstdint>

#include "common/clock.h"
#include "common/result.h"
#include "domain/record/record_hooks.h"

namespace rapport::domain {

class RecordService;

void AddContractHooks(HookRegistry& hooks);

// Marks the sent, unpaid invoices whose due date has passed as overdue, through the record pipeline
// (versions and events); the number marked.
Result<std::int64_t> SweepOverdueInvoices(RecordService& records, Micros now);

}  // namespace rapport::domain
