// The app: sign-in when there is no session, else the shell (sidebar, search) and the pages.
import { Route, Switch } from "wouter";
import { MetaProvider } from "./api/meta";
import { SessionProvider, useSession } from "./auth/session";
import { SignInPage } from "./auth/sign_in_page";
import { ImportPage } from "./imports/import_page";
import { ListPage } from "./lists/list_page";
import { MyDayPage } from "./myday/my_day_page";
import { PipelinePage } from "./pipeline/pipeline_page";
import { RecordPage } from "./records/record_page";
import { SearchPalette } from "./search/search_palette";
import { AccountPage } from "./settings/account_page";
import { ApiKeysPage } from "./settings/api_keys_page";
import { CustomFieldsPage } from "./settings/custom_fields_page";
import { PipelinesPage } from "./settings/pipelines_page";
import { SalesSettingsPage } from "./settings/sales_settings_page";
import { TeamsPage } from "./settings/teams_page";
import { UsersPage } from "./settings/users_page";
import { Sidebar } from "./shell/sidebar";

export function App() {
  return (
    <SessionProvider>
      <Gate />
    </SessionProvider>
  );
}

function Gate() {
  const { user } = useSession();
  if (user === undefined) return <p className="loading" aria-live="polite">Loading…</p>;
  if (user === null) return <SignInPage />;
  return (
    <MetaProvider>
      <Shell />
    </MetaProvider>
  );
}

function Shell() {
  return (
    <div className="shell">
      <a className="skip-link" href="#main">Skip to content</a>
      <Sidebar />
      <main id="main" className="content" tabIndex={-1}>
        <Switch>
          <Route path="/"><MyDayPage /></Route>
          <Route path="/people"><ListPage object="person" /></Route>
          <Route path="/organizations"><ListPage object="organization" /></Route>
          <Route path="/tasks"><ListPage object="task" /></Route>
          <Route path="/deals"><ListPage object="deal" /></Route>
          <Route path="/orders"><ListPage object="order" /></Route>
          <Route path="/pipeline"><PipelinePage /></Route>
          <Route path="/people/new"><RecordPage object="person" id={null} /></Route>
          <Route path="/organizations/new"><RecordPage object="organization" id={null} /></Route>
          <Route path="/people/:id">{(p) => <RecordPage key={p.id} object="person" id={Number(p.id)} />}</Route>
          <Route path="/organizations/:id">{(p) => <RecordPage key={p.id} object="organization" id={Number(p.id)} />}</Route>
          <Route path="/import"><ImportPage /></Route>
          <Route path="/settings"><CustomFieldsPage /></Route>
          <Route path="/settings/users"><UsersPage /></Route>
          <Route path="/settings/teams"><TeamsPage /></Route>
          <Route path="/settings/pipelines"><PipelinesPage /></Route>
          <Route path="/settings/sales"><SalesSettingsPage /></Route>
          <Route path="/settings/api-keys"><ApiKeysPage /></Route>
          <Route path="/settings/account"><AccountPage /></Route>
          <Route><p>There is no page here.</p></Route>
        </Switch>
      </main>
      <SearchPalette />
    </div>
  );
}
