// `rapport recompute purchases` and `rapport lifecycle sweep`: the sales work that runs over every
// customer (domain/sales/sales_service.h), for an operator or a scheduler (cron) while there is no
// job runner.
#include <iostream>

#include "cli/commands.h"
#include "cli/record_services.h"
#include "common/logging.h"
#include "domain/sales/contract_hooks.h"
#include "domain/sales/cross_sell.h"
#include "domain/sales/sales_service.h"

namespace rapport::cli {

Run AddRecomputeCommand(CLI::App& app, CommonSettings& common) {
  CLI::App* command = app.add_subcommand("recompute", "Rebuild derived figures from scratch");
  command->require_subcommand(1);
  CLI::App* purchases = command->add_subcommand(
      "purchases", "Set every person's and organization's purchase figures (and the lifecycle stage they earn) from their orders");
  AddCommonOptions(*purchases, common);
  return [&common] {
    logging::Init(common.log_level);
    auto services = RecordServices::Open(common);
    if (!services) return 1;
    auto changed = domain::RecomputePurchases(*services->records);
    if (!changed.ok()) {
      std::cerr << "rapport: recompute failed: " << changed.error().message << "\n";
      return 1;
    }
    std::cout << "recomputed purchase figures; " << *changed << " records changed\n";
    return 0;
  };
}

Run AddLifecycleCommand(CLI::App& app, CommonSettings& common) {
  CLI::App* command = app.add_subcommand("lifecycle", "Lifecycle stage rules");
  command->require_subcommand(1);
  CLI::App* sweep = command->add_subcommand(
      "sweep",
      "Move customers without a purchase or a touch for lifecycle.churn_days to churned, mark overdue invoices and "
      "count the cross-sell pairs again (run daily)");
  AddCommonOptions(*sweep, common);
  return [&common] {
    logging::Init(common.log_level);
    auto services = RecordServices::Open(common);
    if (!services) return 1;
    auto moved = domain::SweepLifecycle(*services->records, services->clock.Now());
    if (!moved.ok()) {
      std::cerr << "rapport: lifecycle sweep failed: " << moved.error().message << "\n";
      return 1;
    }
    auto overdue = domain::SweepOverdueInvoices(*services->records, services->clock.Now());
    if (!overdue.ok()) {
      std::cerr << "rapport: lifecycle sweep failed: " << overdue.error().message << "\n";
      return 1;
    }
    auto counted = domain::RefreshCrossSell(*services->db, services->clock.Now());
    if (!counted.ok()) {
      std::cerr << "rapport: lifecycle sweep failed: " << counted.error().message << "\n";
      return 1;
    }
    std::cout << "lifecycle sweep: " << *moved << " moved to churned, " << *overdue << " invoices overdue, "
              << counted->orders << " orders counted for cross-sell\n";
    return 0;
  };
}

}  // namespace rapport::cli
