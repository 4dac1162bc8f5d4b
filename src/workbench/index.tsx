/**
 * The workbench's entry: a spreadsheet grid and the real task pane over the fake Excel host (test/fakes), so the
 * add-in can be tried, demonstrated and driven by browser tests without Excel. Served by `npm run dev-server` at
 * /workbench.html and built alone by `npm run build:workbench` (dist/workbench/).
 */
import { createRoot } from "react-dom/client";
import { Workbench } from "./Workbench";

const container = document.getElementById("workbench");
if (container) createRoot(container).render(<Workbench />);
