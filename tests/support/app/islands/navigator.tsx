/** The Navigator fixture island: `Link` and `useNavigation()` move the page over the live socket. */
import { Link, useNavigation, type IslandProps } from "../../../../islands/contract-entry.js";
import { Navigator } from "./navigator.contract.js";

export { Navigator as contract };

export default function NavigatorIsland({ props }: IslandProps<typeof Navigator>) {
  const { navigate, patch } = useNavigation();
  return (
    <nav className="navigator">
      <p className="navigator-page">Island on page {props.page}</p>
      <Link patch={`/nav?page=${props.page + 1}`}>Next page</Link>
      <Link navigate="/modes">To the modes</Link>
      <Link patch="/nav?page=99" onClick={(e) => e.preventDefault()}>
        Nowhere
      </Link>
      <button type="button" onClick={() => patch(`/nav?page=${props.page + 10}`, { replace: true })}>
        Ten pages on
      </button>
      <button type="button" onClick={() => navigate("/modes?load=idle")}>
        To the idle modes
      </button>
    </nav>
  );
}
