import { render } from 'preact';
import { App } from './ui/app.js';
import './ui/styles.css';
import './ui/widgets.css';
import './ui/charts.css';
import './ui/print.css';

render(<App />, document.getElementById('app')!);
