import { createApp } from 'vue';
import HandsetApp from './HandsetApp.vue';
import '../styles/main.css';
import './handset.css';
import { showTheme } from '../theme';

showTheme('system');

createApp(HandsetApp).mount('#handset');
