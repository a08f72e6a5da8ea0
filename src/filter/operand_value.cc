#include "filter/operand_value.h"

#include "filter/time_operand.h"

namespace rapport::filter {

store::Value OperandValue(const meta::FieldDef& field, const Operand& operand, Micros now) {
  return std::visit(
      [&](const auto& v) -> store::Value {
        using T = std::decay_t<decltype(v)>;
        if constexpr (std::is_same_v<T, TimeOperand>) {
          if (field.type == meta::FieldType::kDate) return ResolveDate(v, now);
          return ResolveInstant(v, now);
        } else {
          return v;
        }
      },
      operand);
}

std::string AsciiLower(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

}  // namespace rapport::filter
