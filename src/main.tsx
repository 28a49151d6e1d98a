// Entry: renders the app shell.
import { render } from 'preact';

render(<p>dirsync-preflight</p>, document.getElementById('app') as HTMLElement);
