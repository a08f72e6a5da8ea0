// Public web forms (issue 6.1): a website posts a visitor's details to POST /forms/<key>; the
// form (a web_form record: which person fields it fills, the owner and source of new leads, a
// redirect, a rate) decides what is kept. The person is found by email (case aside) and updated,
// or created as a lead; a `web` interaction logs the post, with the visitor's message. A filled
// honeypot field is answered like a real post and writes nothing. Thread-safe; blocks.
#pragma once

#include <boost/json.hpp>
#include <string>
#include <string_view>

#include "common/clock.h"
#include "common/rate_limiter.h"
#include "common/result.h"
#include "domain/record/record_service.h"

namespace rapport::domain {

// Hidden from people by the form's page, filled in by bots: a post with a value here is spam.
inline constexpr std::string_view kHoneypotField = "website";
// Not a person field: the visitor's free text, kept as the interaction's summary.
inline constexpr std::string_view kMessageField = "message";
inline constexpr std::size_t kMaxMessage = 10'000;

struct FormSubmission {
  std::string key;
  boost::json::object values;  // as posted: strings from an HTML form, typed values from JSON
  std::string ip;
  std::string request_id;
};

struct FormResult {
  bool spam = false;         // the honeypot was filled: nothing was written
  std::string redirect_url;  // the form's; empty for a JSON answer
};

// Errors: kNotFound for no active form with the key; kResourceExhausted (with retry_after) past
// the form's posts per minute from one address; kInvalidArgument naming the field for a missing
// email or a value its field refuses; kUnavailable when the database is busy.
Result<FormResult> SubmitWebForm(RecordService& records, RateLimiter& limiter, const FormSubmission& submission,
                                 Micros now);

// Checks a web_form before it is written: a key of letters, digits, - and _, and fields that name
// person fields a visitor may fill (not links, not derived, not the honeypot).
void AddWebFormHooks(HookRegistry& hooks);

}  // namespace rapport::domain
