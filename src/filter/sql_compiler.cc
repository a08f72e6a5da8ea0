#include "filter/sql_compiler.h"

#include <fmt/format.h>

#include "filter/operand_value.h"

namespace rapport::filter {
namespace {

using meta::FieldDef;
using meta::FieldType;

// PostgreSQL's lower() follows the server's locale; this folds A-Z only, like SQLite's lower().
constexpr std::string_view kPgAsciiLower = "translate({}, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz')";

bool IsTextColumn(const FieldDef& f) {
  return f.type == FieldType::kText || f.type == FieldType::kLongText || f.type == FieldType::kEmail ||
         f.type == FieldType::kPhone || f.type == FieldType::kUrl || f.type == FieldType::kEnum ||
         f.type == FieldType::kDate;
}

bool IsSet(const FieldDef& f) { return f.multiple || f.type == FieldType::kMultiEnum; }

std::string_view Comparison(Op op) {
  switch (op) {
    case Op::kEq:
      return "=";
    case Op::kLt:
      return "<";
    case Op::kLe:
      return "<=";
    case Op::kGt:
      return ">";
    case Op::kGe:
      return ">=";
    default:
      return "<>";
  }
}

class Compiler {
 public:
  Compiler(store::Dialect dialect, int first_param, Micros now)
      : pg_(dialect == store::Dialect::kPostgres), dialect_(dialect), next_(first_param), now_(now) {}

  std::string Expr(const CheckedExpr& e, const std::string& alias) {
    switch (e.kind) {
      case CheckedExpr::Kind::kAnd:
      case CheckedExpr::Kind::kOr: {
        std::string out = "(";
        for (std::size_t i = 0; i < e.children.size(); ++i) {
          if (i > 0) out += e.kind == CheckedExpr::Kind::kAnd ? " AND " : " OR ";
          out += Expr(e.children[i], alias);
        }
        return out + ")";
      }
      case CheckedExpr::Kind::kNot:
        return "NOT (" + Expr(e.children[0], alias) + ")";
      case CheckedExpr::Kind::kRelated:
        return Related(e, alias);
      case CheckedExpr::Kind::kPredicate:
        return Predicate(e, alias);
    }
    return "FALSE";
  }

  std::vector<store::Value> TakeParams() { return std::move(params_); }

 private:
  std::string Bind(store::Value v) {
    params_.push_back(std::move(v));
    return fmt::format("${}", next_++);
  }
  std::string BindOperand(const FieldDef& f, const Operand& operand) { return Bind(OperandValue(f, operand, now_)); }

  // A record of the link's target that exists and is not deleted, for which the inner predicate holds.
  std::string Related(const CheckedExpr& e, const std::string& alias) {
    const std::string inner = alias + "_r";
    const std::string link_column = meta::Columns(*e.field, dialect_).at(0).name;
    return fmt::format("EXISTS (SELECT 1 FROM {} {} WHERE {}.id = {}.{} AND {}.deleted_at IS NULL AND {})",
                       e.target->table, inner, inner, alias, link_column, inner, Expr(e.children[0], inner));
  }

  std::string Predicate(const CheckedExpr& e, const std::string& alias) {
    const FieldDef& f = *e.field;
    if (f.type == FieldType::kLinkMany) return LinkMany(e, alias);
    std::string column = alias + "." + meta::Columns(f, dialect_).at(0).name;
    if (IsSet(f)) return JsonSet(e, alias, column);
    // SQLite (no STAT4) judges an enum's or bool's index by its average rows per value and, for
    // "lifecycle_stage = 'customer' and relationship_stage = 'expansion' ... ORDER BY last_name
    // LIMIT 50", fetches 166,000 rows by the enum's index and sorts them (0.8 s on 1 M people) where
    // walking last_name's index reads a few thousand (10 ms). Such low-cardinality equality tests are
    // kept out of index choice with SQLite's unary '+', so the sort's index (or the rowid order)
    // is walked; selective tests (email, links, ranges) still use their indexes.
    if (!pg_ && (e.op == Op::kEq || e.op == Op::kIn) && (f.type == FieldType::kEnum || f.type == FieldType::kBool)) {
      column = "+" + column;
    }
    switch (e.op) {
      case Op::kIsNull:
        return column + " IS NULL";
      case Op::kIsNotNull:
        return column + " IS NOT NULL";
      case Op::kNe:
        return fmt::format("({} IS NULL OR {} <> {})", column, column, BindOperand(f, e.values[0]));
      case Op::kEq:
        return fmt::format("({} IS NOT NULL AND {} = {})", column, column, BindOperand(f, e.values[0]));
      case Op::kLt:
      case Op::kLe:
      case Op::kGt:
      case Op::kGe: {
        // Text orders by bytes on both: SQLite's BINARY collation, PostgreSQL's "C".
        std::string ordered = pg_ && IsTextColumn(f) ? column + " COLLATE \"C\"" : column;
        return fmt::format("({} IS NOT NULL AND {} {} {})", column, ordered, Comparison(e.op),
                           BindOperand(f, e.values[0]));
      }
      case Op::kIn: {
        std::string list;
        for (const Operand& v : e.values) list += (list.empty() ? "" : ", ") + BindOperand(f, v);
        return fmt::format("({} IS NOT NULL AND {} IN ({}))", column, column, list);
      }
      case Op::kContains:
      case Op::kStartsWith: {
        // instr/strpos, not LIKE: '%' and '_' in the value stay plain characters.
        const std::string needle = Bind(AsciiLower(std::get<std::string>(e.values[0])));
        const std::string folded = pg_ ? fmt::format(fmt::runtime(kPgAsciiLower), column) : "lower(" + column + ")";
        return fmt::format("({} IS NOT NULL AND {}({}, {}) {})", column, pg_ ? "strpos" : "instr", folded, needle,
                           e.op == Op::kContains ? "> 0" : "= 1");
      }
      case Op::kHas:
        break;
    }
    return "FALSE";
  }

  // multi_enum and `multiple` fields: a JSON array of strings in one TEXT column; empty counts as null.
  std::string JsonSet(const CheckedExpr& e, const std::string& alias, const std::string& column) {
    const std::string length =
        pg_ ? fmt::format("jsonb_array_length(({})::jsonb)", column) : fmt::format("json_array_length({})", column);
    switch (e.op) {
      case Op::kIsNull:
        return fmt::format("({} IS NULL OR {} = 0)", column, length);
      case Op::kIsNotNull:
        return fmt::format("({} IS NOT NULL AND {} > 0)", column, length);
      case Op::kHas: {
        const std::string value = BindOperand(*e.field, e.values[0]);
        if (pg_) {
          return fmt::format("({} IS NOT NULL AND ({})::jsonb @> jsonb_build_array({}::text))", column, column, value);
        }
        const std::string each = alias + "_j";
        return fmt::format("EXISTS (SELECT 1 FROM json_each({}) {} WHERE {}.value = {})", column, each, each, value);
      }
      default:
        return "FALSE";
    }
  }

  // link_many: rows of record_links; with `by`, the names are the target table's `by` column.
  std::string LinkMany(const CheckedExpr& e, const std::string& alias) {
    const FieldDef& f = *e.field;
    const std::string links = alias + "_l";
    const std::string target = alias + "_g";
    std::string from = "record_links " + links;
    std::string value_column = links + ".target_id";
    if (!f.by.empty()) {
      const FieldDef* by = e.target->FindField(f.by);
      from += fmt::format(" JOIN {} {} ON {}.id = {}.target_id", e.target->table, target, target, links);
      value_column = target + "." + meta::Columns(*by, dialect_).at(0).name;
    }
    // Bound one after the other, so that the placeholders read in order.
    const std::string object_param = Bind(e.object->name);
    const std::string field_param = Bind(f.name);
    std::string rows = fmt::format("SELECT 1 FROM {} WHERE {}.object = {} AND {}.field = {} AND {}.record_id = {}.id",
                                   from, links, object_param, links, field_param, links, alias);
    switch (e.op) {
      case Op::kIsNull:
        return "NOT EXISTS (" + rows + ")";
      case Op::kIsNotNull:
        return "EXISTS (" + rows + ")";
      case Op::kHas:
        return fmt::format("EXISTS ({} AND {} = {})", rows, value_column, BindOperand(f, e.values[0]));
      default:
        return "FALSE";
    }
  }

  bool pg_;
  store::Dialect dialect_;
  int next_;
  Micros now_;
  std::vector<store::Value> params_;
};

}  // namespace

SqlFragment Compile(const Checked& filter, store::Dialect dialect, std::string_view alias, int first_param,
                    Micros now) {
  Compiler compiler(dialect, first_param, now);
  SqlFragment out;
  out.sql = compiler.Expr(filter.root, std::string(alias));
  out.params = compiler.TakeParams();
  return out;
}

}  // namespace rapport::filter
